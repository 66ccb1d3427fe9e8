package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A platform admin turns a feature on or off for this organization, whatever its plan grants. */
public record OverrideFeatureCommand(@TargetAggregateIdentifier String organizationId,
                                     String feature,
                                     boolean enabled,
                                     String actorId) implements TenantMessage {
}
