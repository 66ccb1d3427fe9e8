package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.membership.Role;
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

import java.time.Instant;

@RestController
@Tag(name = "Billing")
class BillingController {

    private final QueryGateway queries;
    private final TenantAccess access;
    private final PlanCatalog plans;

    BillingController(QueryGateway queries, TenantAccess access, PlanCatalog plans) {
        this.queries = queries;
        this.access = access;
        this.plans = plans;
    }

    record Billing(String organizationId, PlanController.PlanResponse plan, SubscriptionStatus status,
                   Instant startedAt, Instant updatedAt) {
    }

    @GetMapping("/api/orgs/{orgId}/billing")
    @Operation(summary = "The organization's plan and subscription status (OWNER, ADMIN)")
    Billing billing(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Role.OWNER, Role.ADMIN);
        SubscriptionView subscription = queries.query(new FindSubscriptionQuery(orgId),
                        ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join()
                .orElseThrow(() -> ApiException.notFound("subscription-not-found", "No subscription for " + orgId));
        // A plan removed from the configuration still shows by its key, so the organization's state stays visible.
        Plan plan = plans.find(subscription.plan()).orElse(new Plan(subscription.plan(), subscription.plan(), 0,
                "usd", null, null, null));
        return new Billing(orgId, PlanController.PlanResponse.of(plan), subscription.status(),
                subscription.startedAt(), subscription.updatedAt());
    }
}
