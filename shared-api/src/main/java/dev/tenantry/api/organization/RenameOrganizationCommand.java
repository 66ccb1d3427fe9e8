package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RenameOrganizationCommand(@TargetAggregateIdentifier String organizationId,
                                        String name,
                                        String actorId) implements TenantMessage {
}
