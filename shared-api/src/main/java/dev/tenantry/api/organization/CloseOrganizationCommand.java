package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseOrganizationCommand(@TargetAggregateIdentifier String organizationId,
                                       String actorId) implements TenantMessage {
}
