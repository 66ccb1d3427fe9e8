package dev.tenantry.api.billing;

import java.time.Instant;

/**
 * An organization's billing: its plan as configured, its subscription, and the seat limit the team rules apply.
 *
 * @param plan               the subscription's plan; a plan removed from the configuration still shows by its key
 * @param effectiveSeatLimit the limit the team rules apply: the plan's, or the free plan's after a payment stayed
 *                           unpaid past the grace period ({@code null}: unlimited)
 * @param checkout           the latest checkout, or {@code null} if there never was one
 */
public record BillingView(String organizationId, PlanView plan, SubscriptionStatus status, Integer effectiveSeatLimit,
                          Instant currentPeriodEnd, boolean cancelAtPeriodEnd, Instant graceEndsAt,
                          boolean fellBackToFree, SubscriptionView.Checkout checkout, Instant startedAt,
                          Instant updatedAt) implements BillingAnswer {
}
