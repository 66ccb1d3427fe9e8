package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** @param userId an active member of the organization */
public record AddWorkspaceMemberCommand(@TargetAggregateIdentifier String workspaceId,
                                        String organizationId,
                                        String userId,
                                        WorkspaceRole role,
                                        String actorId) implements TenantMessage {
}
