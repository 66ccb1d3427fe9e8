package dev.tenantry.api.workspace;

/** A workspace's members, ordered by when they joined; the caller has checked that the viewer may see it. */
public record FindWorkspaceMembersQuery(String organizationId, String workspaceId, int limit, String cursor) {
}
