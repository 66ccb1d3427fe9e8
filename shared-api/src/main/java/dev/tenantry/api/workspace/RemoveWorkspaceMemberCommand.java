package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveWorkspaceMemberCommand(@TargetAggregateIdentifier String workspaceId,
                                           String organizationId,
                                           String userId,
                                           String actorId) implements TenantMessage {
}
