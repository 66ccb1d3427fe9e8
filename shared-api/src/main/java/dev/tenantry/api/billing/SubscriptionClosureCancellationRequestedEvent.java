package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** The organization was closed while paying: its Stripe subscription is to be canceled now. */
@Revision("1")
public record SubscriptionClosureCancellationRequestedEvent(String subscriptionId,
                                                            String organizationId,
                                                            String stripeSubscriptionId) implements TenantMessage {
}
