package dev.tenantry.api.workspace;

import java.time.Instant;

public record WorkspaceMemberView(String workspaceId, String userId, String email, String displayName,
                                  WorkspaceRole role, Instant addedAt) {
}
