package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceRenamedEvent(String workspaceId, String organizationId, String name, String previousName) implements TenantMessage {
}
