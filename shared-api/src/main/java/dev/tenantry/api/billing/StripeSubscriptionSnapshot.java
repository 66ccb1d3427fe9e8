package dev.tenantry.api.billing;

import java.time.Instant;

/**
 * What Stripe says a subscription is, at one moment. Reconciliation applies snapshots, never deltas, so that
 * events arriving late or twice converge on the same state.
 *
 * @param stripeStatus      Stripe's status: incomplete, incomplete_expired, trialing, active, past_due, canceled,
 *                          unpaid or paused
 * @param priceId           the recurring price of its (single) item, which names the plan
 * @param currentPeriodEnd  end of the period paid for; {@code null} when Stripe did not say
 * @param observedAt        when Stripe stated this: an event's {@code created}, or the time it was fetched. An older
 *                          snapshot than the last one applied is ignored.
 */
public record StripeSubscriptionSnapshot(String stripeSubscriptionId,
                                         String stripeCustomerId,
                                         String stripeStatus,
                                         String priceId,
                                         Instant currentPeriodEnd,
                                         boolean cancelAtPeriodEnd,
                                         Instant observedAt) {
}
