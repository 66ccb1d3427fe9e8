package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * A Stripe event about the organization's Stripe subscription arrived; the reconciliation saga turns it into the
 * subscription's current state. {@code payloadSnapshot} is {@code null} when the payload did not include the
 * subscription.
 */
@Revision("1")
public record StripeEventReceivedEvent(String subscriptionId,
                                       String organizationId,
                                       String stripeEventId,
                                       String type,
                                       String stripeSubscriptionId,
                                       StripeSubscriptionSnapshot payloadSnapshot) implements TenantMessage {
}
