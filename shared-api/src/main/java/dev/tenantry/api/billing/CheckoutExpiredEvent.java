package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** Nobody paid before the session expired, or a newer checkout replaced it. */
@Revision("1")
public record CheckoutExpiredEvent(String subscriptionId,
                                   String organizationId,
                                   String checkoutId) implements TenantMessage {
}
