package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

/** @param description {@code null}: removed */
@Revision("1")
public record WorkspaceDescriptionChangedEvent(String workspaceId, String organizationId, String description) implements WorkspaceScoped {
}
