package dev.tenantry.api.workspace;

public record FindWorkspaceMemberQuery(String organizationId, String workspaceId, String userId) {
}
