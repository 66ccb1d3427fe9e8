package dev.tenantry.query.billing;

import dev.tenantry.api.billing.BillingAnswer;
import dev.tenantry.api.billing.BillingView;
import dev.tenantry.api.billing.FindBillingQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.PlanView;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.query.organization.OrganizationRow;
import dev.tenantry.query.organization.OrganizationRowRepository;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** An organization's billing, from the subscriptions read model, the configured plans and the organization's limit. */
@Component
class BillingQueries {

    private final SubscriptionRowRepository subscriptions;
    private final OrganizationRowRepository organizations;
    private final PlanLookup plans;

    BillingQueries(SubscriptionRowRepository subscriptions, OrganizationRowRepository organizations,
                   PlanLookup plans) {
        this.subscriptions = subscriptions;
        this.organizations = organizations;
        this.plans = plans;
    }

    @QueryHandler
    BillingAnswer handle(FindBillingQuery query) {
        String organizationId = query.organizationId();
        Optional<SubscriptionView> found = subscriptions.findById(organizationId).map(SubscriptionRow::toView);
        if (found.isEmpty()) {
            return new BillingAnswer.NoSubscription(organizationId);
        }
        // Not mapped to the limit: a null limit is unlimited, not an unknown organization.
        Optional<OrganizationRow> organization = organizations.findById(organizationId);
        if (organization.isEmpty()) {
            return new BillingAnswer.NoOrganization(organizationId);
        }
        SubscriptionView subscription = found.get();
        // A plan removed from the configuration still shows by its key, so the organization's state stays visible.
        Plan plan = plans.find(subscription.plan()).orElse(new Plan(subscription.plan(), subscription.plan(), 0,
                "usd", null, null, null, null));
        // The limit the team rules apply, as the subscription's SeatLimitChangedEvents set it: no formula here.
        return new BillingView(organizationId, PlanView.of(plan), subscription.status(),
                organization.get().getSeatLimit(), subscription.currentPeriodEnd(), subscription.cancelAtPeriodEnd(),
                subscription.graceEndsAt(), subscription.fellBackToFree(), subscription.checkout(),
                subscription.startedAt(), subscription.updatedAt());
    }
}
