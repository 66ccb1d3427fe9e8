package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * The owner's change passed the subscription's rules; Stripe is asked next.
 *
 * @param plan           the target plan ({@link SubscriptionChange#CHANGE_PLAN} only)
 * @param priceId        the target plan's Stripe price ({@link SubscriptionChange#CHANGE_PLAN} only)
 * @param idempotencyKey the key of the Stripe call
 */
@Revision("1")
public record SubscriptionChangeRequestedEvent(String subscriptionId,
                                               String organizationId,
                                               String changeId,
                                               SubscriptionChange change,
                                               String stripeSubscriptionId,
                                               String plan,
                                               String priceId,
                                               String idempotencyKey) implements TenantMessage {
}
