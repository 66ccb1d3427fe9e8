package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record WorkspaceMemberAddedEvent(String workspaceId, String organizationId, String userId, WorkspaceRole role) implements TenantMessage {
}
