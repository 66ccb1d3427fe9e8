package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

/** @param description {@code null} when none was given */
@Revision("1")
public record WorkspaceCreatedEvent(String workspaceId, String organizationId, String name, String description,
                                    WorkspaceVisibility visibility, String createdBy) implements WorkspaceScoped {
}
