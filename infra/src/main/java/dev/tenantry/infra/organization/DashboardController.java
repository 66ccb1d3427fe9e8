package dev.tenantry.infra.organization;

import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import dev.tenantry.query.dashboard.Dashboards;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Organizations")
class DashboardController {

    private final Dashboards dashboards;
    private final TenantAccess access;

    DashboardController(Dashboards dashboards, TenantAccess access) {
        this.dashboards = dashboards;
        this.access = access;
    }

    @GetMapping("/api/orgs/{orgId}/dashboard")
    @Operation(summary = "The tenant dashboard (any member): team, seats, plan, members per day, invitations per week, "
            + "workspaces (count, limit, per day, most active), "
            + "recent activity")
    @ProblemResponse(status = 400, codes = {"invalid-days", "invalid-weeks", "invalid-value"})
    Dashboards.Dashboard dashboard(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                   @RequestParam(defaultValue = "" + Dashboards.DEFAULT_DAYS) int days,
                                   @RequestParam(defaultValue = "" + Dashboards.DEFAULT_WEEKS) int weeks) {
        access.require(orgId, user);
        return dashboards.dashboard(orgId, days, weeks)
                .orElseThrow(() -> ApiException.notFound("organization-not-found", "No organization " + orgId));
    }
}
