package dev.tenantry.infra.organization;

import dev.tenantry.api.organization.FindTeamSummaryQuery;
import dev.tenantry.api.organization.TeamSummaryView;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Organizations")
class DashboardController {

    private final QueryGateway queries;
    private final TenantAccess access;

    DashboardController(QueryGateway queries, TenantAccess access) {
        this.queries = queries;
        this.access = access;
    }

    @GetMapping("/api/orgs/{orgId}/dashboard")
    @Operation(summary = "The tenant dashboard (any member): members by role, pending invitations, seats used and limit")
    TeamSummaryView dashboard(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user);
        return queries.query(new FindTeamSummaryQuery(orgId), ResponseTypes.optionalInstanceOf(TeamSummaryView.class))
                .join().orElseThrow(() -> ApiException.notFound("organization-not-found", "No organization " + orgId));
    }
}
