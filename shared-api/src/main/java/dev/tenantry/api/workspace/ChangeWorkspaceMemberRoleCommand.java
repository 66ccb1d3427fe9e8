package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeWorkspaceMemberRoleCommand(@TargetAggregateIdentifier String workspaceId,
                                               String organizationId,
                                               String userId,
                                               WorkspaceRole role,
                                               String actorId) implements TenantMessage {
}
