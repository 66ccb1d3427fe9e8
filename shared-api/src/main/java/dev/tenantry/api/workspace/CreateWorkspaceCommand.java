package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param description optional
 * @param visibility  {@code null} for {@link WorkspaceVisibility#ORGANIZATION}
 * @param actorId     the creator, who becomes the workspace's first ADMIN
 */
public record CreateWorkspaceCommand(@TargetAggregateIdentifier String workspaceId,
                                     String organizationId,
                                     String name,
                                     String description,
                                     WorkspaceVisibility visibility,
                                     String actorId) implements TenantMessage {
}
