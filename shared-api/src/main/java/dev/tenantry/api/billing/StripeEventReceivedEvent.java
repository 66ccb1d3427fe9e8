package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * A Stripe event about the organization's Stripe subscription arrived; the reconciliation saga turns it into the
 * subscription's current state. {@code payloadSnapshot} is {@code null} when the payload did not include the
 * subscription. (Revision 1 held Stripe's own status name in the snapshot; the Stripe adapter's upcaster
 * translates it.)
 */
@Revision("2")
public record StripeEventReceivedEvent(String subscriptionId,
                                       String organizationId,
                                       String stripeEventId,
                                       String type,
                                       String stripeSubscriptionId,
                                       StripeSubscriptionSnapshot payloadSnapshot) implements TenantMessage {
}
