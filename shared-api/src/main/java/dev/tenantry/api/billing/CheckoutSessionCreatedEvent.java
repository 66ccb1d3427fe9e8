package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record CheckoutSessionCreatedEvent(String subscriptionId,
                                          String organizationId,
                                          String checkoutId,
                                          String stripeCustomerId,
                                          String sessionId,
                                          String url,
                                          Instant expiresAt) implements TenantMessage {
}
