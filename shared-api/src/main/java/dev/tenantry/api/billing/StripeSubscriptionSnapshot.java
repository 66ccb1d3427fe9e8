package dev.tenantry.api.billing;

import java.time.Instant;

/**
 * What Stripe says a subscription is, at one moment. Reconciliation applies snapshots, never deltas, so that
 * events arriving late or twice converge on the same state.
 *
 * @param status            Stripe's status as ours (the Stripe adapter translates Stripe's names): incomplete is
 *                          {@link SubscriptionStatus#CHECKOUT_PENDING}, incomplete_expired {@link SubscriptionStatus#CANCELED},
 *                          paused {@link SubscriptionStatus#UNPAID}
 * @param priceId           the recurring price of its (single) item, which names the plan
 * @param currentPeriodEnd  end of the period paid for; {@code null} when Stripe did not say
 * @param observedAt        when Stripe stated this: an event's {@code created}, or the time it was fetched. An older
 *                          snapshot than the last one applied is ignored.
 */
public record StripeSubscriptionSnapshot(String stripeSubscriptionId,
                                         String stripeCustomerId,
                                         SubscriptionStatus status,
                                         String priceId,
                                         Instant currentPeriodEnd,
                                         boolean cancelAtPeriodEnd,
                                         Instant observedAt) {

    /** The same state, stated at another moment (e.g. when it was fetched rather than when an event was created). */
    public StripeSubscriptionSnapshot withObservedAt(Instant at) {
        return new StripeSubscriptionSnapshot(stripeSubscriptionId, stripeCustomerId, status, priceId,
                currentPeriodEnd, cancelAtPeriodEnd, at);
    }
}
