package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A platform admin hands a feature back to the plan: the plan in effect decides again. */
public record RemoveFeatureOverrideCommand(@TargetAggregateIdentifier String organizationId,
                                           String feature,
                                           String actorId) implements TenantMessage {
}
