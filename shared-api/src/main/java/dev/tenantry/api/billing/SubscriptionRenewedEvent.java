package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The paid period moved on. */
@Revision("1")
public record SubscriptionRenewedEvent(String subscriptionId,
                                       String organizationId,
                                       String stripeEventId,
                                       Instant currentPeriodEnd,
                                       Instant observedAt) implements TenantMessage {
}
