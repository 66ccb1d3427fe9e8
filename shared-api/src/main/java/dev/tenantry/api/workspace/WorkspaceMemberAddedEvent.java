package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceMemberAddedEvent(String workspaceId, String organizationId, String userId, WorkspaceRole role) implements WorkspaceScoped {
}
