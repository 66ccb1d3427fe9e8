package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record FailCheckoutCommand(@TargetAggregateIdentifier String subscriptionId,
                                  String organizationId,
                                  String checkoutId,
                                  String reason) implements TenantMessage {
}
