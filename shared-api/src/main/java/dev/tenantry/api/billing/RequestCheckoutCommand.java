package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The OWNER asks to pay for a plan; the checkout saga takes it from here. */
public record RequestCheckoutCommand(@TargetAggregateIdentifier String subscriptionId,
                                     String organizationId,
                                     String checkoutId,
                                     String plan,
                                     String actorId) implements TenantMessage {
}
