package dev.tenantry.api.workspace;

import dev.tenantry.api.membership.Role;

/** One workspace, if the viewer may see it ({@link WorkspaceAccess#canSee}); empty otherwise. */
public record FindWorkspaceQuery(String organizationId, String workspaceId, String viewerId, Role viewerRole) {
}
