package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ExpireCheckoutCommand(@TargetAggregateIdentifier String subscriptionId,
                                    String organizationId,
                                    String checkoutId) implements TenantMessage {
}
