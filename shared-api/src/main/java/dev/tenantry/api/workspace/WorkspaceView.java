package dev.tenantry.api.workspace;

import java.time.Instant;

/**
 * @param myRole     the viewer's role in the workspace, {@code null} when not a member of it
 * @param archivedAt {@code null} while active
 */
public record WorkspaceView(String id, String organizationId, String name, String description,
                            WorkspaceVisibility visibility, WorkspaceStatus status, int memberCount,
                            WorkspaceRole myRole, boolean isDefault, String createdBy, Instant createdAt,
                            Instant archivedAt, Instant updatedAt) {
}
