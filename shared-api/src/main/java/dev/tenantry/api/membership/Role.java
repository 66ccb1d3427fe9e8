package dev.tenantry.api.membership;

/**
 * The role matrix of the design brief, from most to least powerful. AUDITOR reads like a VIEWER and also sees the
 * tenant's audit stream; it manages nothing.
 */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER, AUDITOR;

    /** Rename, settings, members and invitations below owner. */
    public boolean canManageOrganization() {
        return this == OWNER || this == ADMIN;
    }

    /** Invite, change roles of and remove anyone below owner. */
    public boolean canManageMembers() {
        return this == OWNER || this == ADMIN;
    }
}
