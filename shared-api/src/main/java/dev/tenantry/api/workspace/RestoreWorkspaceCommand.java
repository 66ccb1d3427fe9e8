package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RestoreWorkspaceCommand(@TargetAggregateIdentifier String workspaceId,
                                      String organizationId,
                                      String actorId) implements TenantMessage {
}
