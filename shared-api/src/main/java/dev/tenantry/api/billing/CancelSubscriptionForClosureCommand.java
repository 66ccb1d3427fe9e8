package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The organization was closed: its paid subscription, if any, must stop at Stripe. */
public record CancelSubscriptionForClosureCommand(@TargetAggregateIdentifier String subscriptionId,
                                                  String organizationId) implements TenantMessage {
}
