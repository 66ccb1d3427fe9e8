package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PaymentActionRequiredEvent(String subscriptionId,
                                         String organizationId,
                                         String stripeEventId,
                                         String invoiceId,
                                         Instant occurredAt) implements TenantMessage {
}
