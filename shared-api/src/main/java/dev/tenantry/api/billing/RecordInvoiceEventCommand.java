package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordInvoiceEventCommand(@TargetAggregateIdentifier String subscriptionId,
                                        String organizationId,
                                        String stripeEventId,
                                        InvoiceEventKind kind,
                                        String invoiceId,
                                        long amountCents,
                                        String currency,
                                        Instant occurredAt) implements TenantMessage {
}
