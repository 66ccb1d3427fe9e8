package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes what is given; a {@code null} field stays as it is. An empty description removes it. */
public record UpdateWorkspaceCommand(@TargetAggregateIdentifier String workspaceId,
                                     String organizationId,
                                     String name,
                                     String description,
                                     WorkspaceVisibility visibility,
                                     String actorId) implements TenantMessage {
}
