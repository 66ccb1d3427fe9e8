package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceRenamedEvent(String workspaceId, String organizationId, String name, String previousName) implements WorkspaceScoped {
}
