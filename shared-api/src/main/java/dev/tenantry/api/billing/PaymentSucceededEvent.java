package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record PaymentSucceededEvent(String subscriptionId,
                                    String organizationId,
                                    String stripeEventId,
                                    String invoiceId,
                                    long amountCents,
                                    String currency,
                                    Instant occurredAt) implements TenantMessage {
}
