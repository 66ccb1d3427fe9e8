package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordCheckoutSessionCommand(@TargetAggregateIdentifier String subscriptionId,
                                           String organizationId,
                                           String checkoutId,
                                           String stripeCustomerId,
                                           String sessionId,
                                           String url,
                                           Instant expiresAt) implements TenantMessage {
}
