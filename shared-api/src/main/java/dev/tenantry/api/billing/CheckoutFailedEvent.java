package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record CheckoutFailedEvent(String subscriptionId,
                                  String organizationId,
                                  String checkoutId,
                                  String reason) implements TenantMessage {
}
