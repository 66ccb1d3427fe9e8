package dev.tenantry.api.billing;

import java.time.Instant;

/**
 * @param fellBackToFree unpaid past the grace period: the free plan's limits apply although {@code plan} is kept
 * @param checkout       the latest checkout, or {@code null} if there never was one
 */
public record SubscriptionView(String organizationId,
                               String plan,
                               SubscriptionStatus status,
                               String stripeCustomerId,
                               String stripeSubscriptionId,
                               Instant currentPeriodEnd,
                               boolean cancelAtPeriodEnd,
                               Instant graceEndsAt,
                               boolean fellBackToFree,
                               Checkout checkout,
                               Instant startedAt,
                               Instant updatedAt) {

    public record Checkout(String id, String plan, CheckoutStatus status, String url, Instant expiresAt,
                           String failureReason) {
    }
}
