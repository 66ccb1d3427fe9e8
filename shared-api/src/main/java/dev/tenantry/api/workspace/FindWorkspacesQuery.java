package dev.tenantry.api.workspace;

import dev.tenantry.api.membership.Role;

/**
 * The workspaces of an organization that the viewer may see ({@link WorkspaceAccess#canSee}), ordered by name.
 *
 * @param viewerRole the viewer's role in the organization
 * @param status     {@code null} for all
 * @param search     part of the name, case-insensitive; {@code null} for any
 * @param cursor     the {@link WorkspacePage#nextCursor()} of the previous page; {@code null} for the first
 */
public record FindWorkspacesQuery(String organizationId, String viewerId, Role viewerRole, WorkspaceStatus status,
                                  String search, int limit, String cursor) {
}
