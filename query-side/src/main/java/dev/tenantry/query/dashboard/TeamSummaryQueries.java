package dev.tenantry.query.dashboard;

import dev.tenantry.api.invitation.InvitationStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.FindTeamSummaryQuery;
import dev.tenantry.api.organization.TeamSummaryView;
import dev.tenantry.query.invitation.InvitationRowRepository;
import dev.tenantry.query.membership.MembershipRowRepository;
import dev.tenantry.query.organization.OrganizationRowRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/** Counts over the member, invitation and organization read models; never over the event store. */
@Component
class TeamSummaryQueries {

    private final MembershipRowRepository memberships;
    private final InvitationRowRepository invitations;
    private final OrganizationRowRepository organizations;

    TeamSummaryQueries(MembershipRowRepository memberships, InvitationRowRepository invitations,
                       OrganizationRowRepository organizations) {
        this.memberships = memberships;
        this.invitations = invitations;
        this.organizations = organizations;
    }

    @QueryHandler
    Optional<TeamSummaryView> handle(FindTeamSummaryQuery query) {
        return organizations.findById(query.organizationId()).map(organization -> {
            Map<Role, Integer> byRole = new EnumMap<>(Role.class);
            for (Role role : Role.values()) {
                byRole.put(role, 0);
            }
            int members = 0;
            for (Object[] row : memberships.countActiveByRole(query.organizationId())) {
                int count = ((Number) row[1]).intValue();
                byRole.put((Role) row[0], count);
                members += count;
            }
            int pending = invitations.countByTenantIdAndStatus(query.organizationId(), InvitationStatus.PENDING);
            return new TeamSummaryView(query.organizationId(), byRole, pending, members + pending,
                    organization.getSeatLimit());
        });
    }
}
