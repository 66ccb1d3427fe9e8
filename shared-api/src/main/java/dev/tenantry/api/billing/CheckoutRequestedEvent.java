package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** stripeCustomerId: the organization's customer if it has one already, else null. */
@Revision("1")
public record CheckoutRequestedEvent(String subscriptionId,
                                     String organizationId,
                                     String checkoutId,
                                     String plan,
                                     String priceId,
                                     String stripeCustomerId) implements TenantMessage {
}
