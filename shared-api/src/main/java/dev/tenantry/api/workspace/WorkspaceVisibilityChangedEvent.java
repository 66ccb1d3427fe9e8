package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceVisibilityChangedEvent(String workspaceId, String organizationId, WorkspaceVisibility visibility,
                                              WorkspaceVisibility previousVisibility) implements WorkspaceScoped {
}
