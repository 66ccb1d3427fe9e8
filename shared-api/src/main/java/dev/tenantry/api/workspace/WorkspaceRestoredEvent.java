package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceRestoredEvent(String workspaceId, String organizationId, String name) implements WorkspaceScoped {
}
