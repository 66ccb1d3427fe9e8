package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

/** @param departed removed because they left or were removed from the organization */
@Revision("1")
public record WorkspaceMemberRemovedEvent(String workspaceId, String organizationId, String userId, WorkspaceRole role,
                                          boolean departed) implements WorkspaceScoped {
}
