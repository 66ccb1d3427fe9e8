package dev.tenantry.infra.web;

import dev.tenantry.api.membership.FindMembershipQuery;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.security.AuthenticatedUser;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The gate of every {@code /api/orgs/{orgId}/...} endpoint. Someone who is not an active member learns nothing,
 * not even that the organization exists (404); a member whose role is too low gets 403.
 */
@Component
public class TenantAccess {

    private final QueryGateway queries;
    private final RateLimits limits;
    private final OrganizationApiQuota apiQuota;

    TenantAccess(QueryGateway queries, RateLimits limits, OrganizationApiQuota apiQuota) {
        this.queries = queries;
        this.limits = limits;
        this.apiQuota = apiQuota;
    }

    /** The caller's membership, whatever their role ({@link Permission#VIEW_ORGANIZATION}). */
    public MemberView require(String organizationId, AuthenticatedUser user) {
        return require(organizationId, user, Permission.VIEW_ORGANIZATION);
    }

    /**
     * The caller's membership, if their role grants the permission. The request then counts against the
     * organization's API quota: only its members' requests do, so that nobody else can use up an organization's
     * quota.
     */
    public MemberView require(String organizationId, AuthenticatedUser user, Permission permission) {
        MemberView membership = activeMembership(organizationId, user.id())
                .orElseThrow(() -> ApiException.notFound("organization-not-found",
                        "No organization " + organizationId + " among yours"));
        if (!permission.allows(membership.role())) {
            throw ApiException.forbidden("insufficient-role",
                    "This needs the role " + String.join(" or ", permission.roles().stream().map(Role::name).toList())
                            + "; you are " + membership.role());
        }
        if (limits.properties().enabled()) {
            limits.take("organization-api", organizationId, apiQuota.of(organizationId));
        }
        return membership;
    }

    /** The user's membership while it is active; empty for anyone else (and for an id that is no organization's). */
    public Optional<MemberView> activeMembership(String organizationId, String userId) {
        if (!isUuid(organizationId)) {
            return Optional.empty();
        }
        return queries.query(new FindMembershipQuery(organizationId, userId),
                        ResponseTypes.optionalInstanceOf(MemberView.class)).join()
                .filter(member -> member.status() == MembershipStatus.ACTIVE);
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equals(value.toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
