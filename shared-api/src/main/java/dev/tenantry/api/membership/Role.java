package dev.tenantry.api.membership;

/**
 * The roles of the design brief, from most to least powerful. AUDITOR reads like a VIEWER and also sees the tenant's
 * audit stream; it manages nothing. What each may do is {@link Permission}'s table.
 */
public enum Role {
    OWNER, ADMIN, MEMBER, VIEWER, AUDITOR;

    public boolean may(Permission permission) {
        return permission.allows(this);
    }
}
