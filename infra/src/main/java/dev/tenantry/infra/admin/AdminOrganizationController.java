package dev.tenantry.infra.admin;

import dev.tenantry.api.analytics.AdminOrganizationPage;
import dev.tenantry.api.analytics.FindAdminOrganizationsQuery;
import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.membership.FindMembersQuery;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.organization.FindOrganizationQuery;
import dev.tenantry.api.organization.OrganizationView;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.billing.PlanCatalog;
import dev.tenantry.infra.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/** Finding an organization and seeing its team and billing, for support work (platform admin, any tenant). */
@RestController
@RequestMapping("/api/admin/orgs")
@Tag(name = "Platform administration")
class AdminOrganizationController {

    private final QueryGateway queries;
    private final PlanCatalog plans;

    AdminOrganizationController(QueryGateway queries, PlanCatalog plans) {
        this.queries = queries;
        this.plans = plans;
    }

    /** @param subscription {@code null} only if the organization's subscription has not been projected yet */
    record OrganizationDetail(OrganizationView organization, List<MemberView> members, SubscriptionView subscription) {
    }

    @GetMapping
    @Operation(summary = "Search organizations by name or slug, plan, status and subscription status, newest first (platform admin)")
    @ProblemResponse(status = 400, codes = {"invalid-query", "invalid-plan", "invalid-status",
            "invalid-subscription-status", "invalid-page", "invalid-size"})
    AdminOrganizationPage search(@RequestParam(required = false) String q,
                                 @RequestParam(required = false) String plan,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String subscriptionStatus,
                                 @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String size) {
        return queries.query(FindAdminOrganizationsQuery.of(q, plan, status, subscriptionStatus, page, size,
                        plans.all().stream().map(Plan::key).toList()),
                ResponseTypes.instanceOf(AdminOrganizationPage.class)).join();
    }

    @GetMapping("/{orgId}")
    @Operation(summary = "One organization with its members (roles, emails) and its subscription (platform admin)")
    OrganizationDetail organization(@PathVariable String orgId) {
        OrganizationView organization = queries.query(new FindOrganizationQuery(orgId),
                        ResponseTypes.optionalInstanceOf(OrganizationView.class)).join()
                .orElseThrow(() -> ApiException.notFound("organization-not-found", "No organization " + orgId));
        List<MemberView> members = queries.query(new FindMembersQuery(orgId),
                ResponseTypes.multipleInstancesOf(MemberView.class)).join();
        SubscriptionView subscription = queries.query(new FindSubscriptionQuery(orgId),
                ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join().orElse(null);
        return new OrganizationDetail(organization, members, subscription);
    }
}
