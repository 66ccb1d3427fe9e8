package dev.tenantry.api.workspace;

import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;

/**
 * Who may see and manage a workspace, decided here alone: the aggregate enforces it on commands, the read side
 * filters by it, the API translates (404 for who may not see, 403 for who sees but may not change).
 * <p>
 * The organization's OWNER and ADMIN see and manage every workspace, so a workspace whose last ADMIN left is still
 * managed. Any member sees the {@code ORGANIZATION} workspaces, and the {@code PRIVATE} ones they belong to. A MEMBER
 * who is a workspace's ADMIN manages it; VIEWER and AUDITOR change nothing, whatever their workspace role.
 */
public final class WorkspaceAccess {

    private WorkspaceAccess() {
    }

    /** @param workspaceRole the user's role in the workspace, {@code null} for none */
    public static boolean canSee(Role organizationRole, WorkspaceVisibility visibility, WorkspaceRole workspaceRole) {
        if (organizationRole == null) {
            return false;
        }
        return organizationRole.may(Permission.MANAGE_ORGANIZATION) || visibility == WorkspaceVisibility.ORGANIZATION
                || workspaceRole != null;
    }

    /** Settings, members, archive and restore. */
    public static boolean canManage(Role organizationRole, WorkspaceRole workspaceRole) {
        if (organizationRole == null) {
            return false;
        }
        return organizationRole.may(Permission.MANAGE_ORGANIZATION)
                || organizationRole == Role.MEMBER && workspaceRole == WorkspaceRole.ADMIN;
    }

    /** A MEMBER may create workspaces too (and becomes their ADMIN). */
    public static boolean canCreate(Role organizationRole) {
        return Permission.CREATE_WORKSPACES.allows(organizationRole);
    }

    /** Names are unique among an organization's active workspaces, compared trimmed and case-insensitively. */
    public static String nameKey(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }
}
