package dev.tenantry.command.membership;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;

import java.util.Optional;

/**
 * Command-side lookup of who holds which role in which organization. Aggregates ask it for the acting user's
 * rights; it is written by {@link MemberRosterUpdater} in the same transaction as the membership events, so it is
 * never behind the event store (unlike a read model).
 */
public interface MemberRoster {

    Optional<Role> activeRole(String organizationId, String userId);

    /** Whether an active member of the organization has an account with this (normalised) email. */
    boolean hasActiveMemberWithEmail(String organizationId, String email);

    void record(String organizationId, String userId, Role role, MembershipStatus status);

    /** A closed organization's team is frozen: nobody joins, and nobody's role changes (members may still leave). */
    void closeOrganization(String organizationId);

    boolean isOrganizationClosed(String organizationId);

    default void requireOpen(String organizationId) {
        if (isOrganizationClosed(organizationId)) {
            throw DomainException.conflict("organization-closed", "The organization is closed");
        }
    }

    /**
     * The actor's role, if it grants the permission. The API checks this too; checking here holds even for a command
     * that bypassed the API or raced the actor's demotion.
     */
    default Role requirePermission(String organizationId, String actorId, Permission permission) {
        requireOpen(organizationId);
        Role role = actorId == null ? null : activeRole(organizationId, actorId).orElse(null);
        if (!permission.allows(role)) {
            throw DomainException.forbidden("insufficient-role", "This needs the role " + String.join(" or ",
                    permission.roles().stream().map(Role::name).toList()) + (role == null ? "" : "; you are " + role));
        }
        return role;
    }
}
