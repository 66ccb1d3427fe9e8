package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceMemberRoleChangedEvent(String workspaceId, String organizationId, String userId, WorkspaceRole role,
                                              WorkspaceRole previousRole) implements WorkspaceScoped {
}
