package dev.tenantry.query.membership;

import dev.tenantry.api.membership.FindMembersQuery;
import dev.tenantry.api.membership.FindMembershipQuery;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.organization.FindOrganizationsOfUserQuery;
import dev.tenantry.api.organization.UserOrganizationView;
import dev.tenantry.query.organization.OrganizationRow;
import dev.tenantry.query.organization.OrganizationRowRepository;
import dev.tenantry.query.user.UserProfileRow;
import dev.tenantry.query.user.UserProfileRowRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

@Component
@ProcessingGroup(MembershipProjection.PROCESSING_GROUP)
class MembershipProjection {

    static final String PROCESSING_GROUP = "memberships";

    private final MembershipRowRepository memberships;
    private final UserProfileRowRepository profiles;
    private final OrganizationRowRepository organizations;

    MembershipProjection(MembershipRowRepository memberships, UserProfileRowRepository profiles,
                         OrganizationRowRepository organizations) {
        this.memberships = memberships;
        this.profiles = profiles;
        this.organizations = organizations;
    }

    /** A rebuild starts from an empty table; every handler below then sets rows from their events alone. */
    @ResetHandler
    void reset() {
        memberships.deleteAllInBatch();
    }

    @EventHandler
    void on(MemberAddedEvent event, @Timestamp Instant at) {
        memberships.save(new MembershipRow(event.organizationId(), event.userId(), event.membershipId(),
                event.role(), at));
    }

    @EventHandler
    void on(MemberRoleChangedEvent event, @Timestamp Instant at) {
        memberships.findById(new MembershipRow.Key(event.organizationId(), event.userId()))
                .ifPresent(row -> row.changeRole(event.role(), at));
    }

    @EventHandler
    void on(MemberRemovedEvent event, @Timestamp Instant at) {
        memberships.findById(new MembershipRow.Key(event.organizationId(), event.userId()))
                .ifPresent(row -> row.end(MembershipStatus.REMOVED, at));
    }

    @EventHandler
    void on(MemberLeftEvent event, @Timestamp Instant at) {
        memberships.findById(new MembershipRow.Key(event.organizationId(), event.userId()))
                .ifPresent(row -> row.end(MembershipStatus.LEFT, at));
    }

    @QueryHandler
    Optional<MemberView> handle(FindMembershipQuery query) {
        return memberships.findById(new MembershipRow.Key(query.organizationId(), query.userId()))
                .map(row -> toView(row, profiles.findById(row.getUserId()).orElse(null)));
    }

    @QueryHandler
    List<MemberView> handle(FindMembersQuery query) {
        List<MembershipRow> rows = memberships.findByTenantIdAndStatusOrderByJoinedAtAsc(
                query.organizationId(), MembershipStatus.ACTIVE);
        Map<String, UserProfileRow> byUser = profiles.findAllById(rows.stream().map(MembershipRow::getUserId).toList())
                .stream().collect(Collectors.toMap(UserProfileRow::getUserId, Function.identity()));
        return rows.stream().map(row -> toView(row, byUser.get(row.getUserId()))).toList();
    }

    @QueryHandler
    List<UserOrganizationView> handle(FindOrganizationsOfUserQuery query) {
        List<MembershipRow> rows = memberships.findByUserIdAndStatusOrderByJoinedAtAsc(
                query.userId(), MembershipStatus.ACTIVE);
        Map<String, OrganizationRow> byTenant = organizations.findAllById(
                        rows.stream().map(MembershipRow::getTenantId).toList())
                .stream().collect(Collectors.toMap(OrganizationRow::getTenantId, Function.identity()));
        return rows.stream()
                .filter(row -> byTenant.containsKey(row.getTenantId()))
                .map(row -> {
                    OrganizationRow org = byTenant.get(row.getTenantId());
                    return new UserOrganizationView(org.getTenantId(), org.getName(), org.getSlug(), org.getStatus(),
                            row.getRole(), row.getJoinedAt());
                })
                .toList();
    }

    private static MemberView toView(MembershipRow row, UserProfileRow profile) {
        return new MemberView(row.getTenantId(), row.getUserId(),
                profile != null ? profile.getEmail() : null,
                profile != null ? profile.getDisplayName() : null,
                row.getRole(), row.getStatus(), row.getJoinedAt());
    }
}
