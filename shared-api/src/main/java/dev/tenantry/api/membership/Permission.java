package dev.tenantry.api.membership;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a member may do in their organization, by role: the one table of the role matrix. The aggregates enforce it
 * on commands, whatever sent them; the API checks the same entry before it sends a command or answers a read, so
 * that a caller who may not learns so before anything runs. Anything that acts for a member later (an API key, an
 * integration) is granted a set of these.
 */
public enum Permission {

    /** The organization, its members, features, dashboard, activity, workspaces and live updates. */
    VIEW_ORGANIZATION(Role.OWNER, Role.ADMIN, Role.MEMBER, Role.VIEWER, Role.AUDITOR),
    /** Rename it and change its settings; see and manage every workspace, private ones included. */
    MANAGE_ORGANIZATION(Role.OWNER, Role.ADMIN),
    /** Invite, change the role of and remove anyone below owner. */
    MANAGE_MEMBERS(Role.OWNER, Role.ADMIN),
    /** Create workspaces (and become their ADMIN). */
    CREATE_WORKSPACES(Role.OWNER, Role.ADMIN, Role.MEMBER),
    /** The plan, the subscription's status and the latest checkout. */
    VIEW_BILLING(Role.OWNER, Role.ADMIN),
    /** Pay, change plan, cancel, resume, the billing portal. */
    MANAGE_BILLING(Role.OWNER),
    /** The tenant's audit stream: page, export, head, verify, state at an instant. */
    READ_AUDIT(Role.OWNER, Role.ADMIN, Role.AUDITOR),
    /** Hand the organization to another member, or close it. */
    OWN_ORGANIZATION(Role.OWNER);

    private final Set<Role> roles;

    Permission(Role first, Role... rest) {
        this.roles = EnumSet.of(first, rest);
    }

    /** {@code false} for no role (someone who is no active member). */
    public boolean allows(Role role) {
        return role != null && roles.contains(role);
    }

    /** The roles it is granted to, most powerful first. */
    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }
}
