package dev.tenantry.query.billing;

import dev.tenantry.api.billing.BillingAnswer;
import dev.tenantry.api.billing.BillingView;
import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.FindBillingQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.PlanView;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.query.organization.OrganizationRow;
import dev.tenantry.query.organization.OrganizationRowRepository;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** The billing resource put together from the subscriptions read model, the plans and the organization's limit. */
class BillingQueriesTest {

    private static final String ORG = "org-1";
    private static final Instant STARTED = Instant.parse("2026-01-05T10:00:00Z");
    private static final Plan FREE = new Plan("free", "Free", 0, "usd", null, 5, 1, List.of());
    private static final Plan PRO = new Plan("pro", "Pro", 2900, "usd", "price_pro", 20, 5, List.of("sso"));

    private final SubscriptionRowRepository subscriptions = mock(SubscriptionRowRepository.class);
    private final OrganizationRowRepository organizations = mock(OrganizationRowRepository.class);
    private final BillingQueries queries = new BillingQueries(subscriptions, organizations, new Plans(FREE, PRO));

    @Test
    void thePlanIsTheConfiguredOneAndTheLimitTheOrganizationsNotAFormulaOverThePlan() {
        SubscriptionRow row = subscription("pro");
        Instant periodEnd = STARTED.plusSeconds(30 * 86_400);
        row.activated("pro", SubscriptionStatus.ACTIVE, "cus_1", "sub_1", periodEnd, STARTED.plusSeconds(60));
        row.pastDue(periodEnd.plusSeconds(86_400), STARTED.plusSeconds(120));
        row.fellBack(true, STARTED.plusSeconds(180));
        organization(5);

        BillingView billing = (BillingView) queries.handle(new FindBillingQuery(ORG));

        assertThat(billing.organizationId()).isEqualTo(ORG);
        assertThat(billing.plan()).isEqualTo(PlanView.of(PRO));
        assertThat(billing.plan().monthlyPrice()).isEqualTo(new PlanView.Money(2900, "usd"));
        assertThat(billing.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(billing.fellBackToFree()).isTrue();
        // Fallen back to the free plan's limit: the organization's recorded limit, while the plan stays pro.
        assertThat(billing.effectiveSeatLimit()).isEqualTo(5);
        assertThat(billing.currentPeriodEnd()).isEqualTo(periodEnd);
        assertThat(billing.graceEndsAt()).isEqualTo(periodEnd.plusSeconds(86_400));
        assertThat(billing.startedAt()).isEqualTo(STARTED);
        assertThat(billing.updatedAt()).isEqualTo(STARTED.plusSeconds(180));
        assertThat(billing.checkout()).isNull();
    }

    @Test
    void aPlanRemovedFromTheConfigurationStillShowsByItsKey() {
        subscription("legacy-team");
        organization(12);

        BillingView billing = (BillingView) queries.handle(new FindBillingQuery(ORG));

        assertThat(billing.plan()).isEqualTo(new PlanView("legacy-team", "legacy-team",
                new PlanView.Money(0, "usd"), null, true, null, List.of()));
        assertThat(billing.effectiveSeatLimit()).isEqualTo(12);
    }

    @Test
    void anUnlimitedLimitIsNotAnUnknownOrganization() {
        subscription("free").checkoutRequested("co-1", "pro", STARTED.plusSeconds(5));
        organization(null);

        BillingView billing = (BillingView) queries.handle(new FindBillingQuery(ORG));

        assertThat(billing.effectiveSeatLimit()).isNull();
        assertThat(billing.status()).isEqualTo(SubscriptionStatus.CHECKOUT_PENDING);
        assertThat(billing.checkout().id()).isEqualTo("co-1");
        assertThat(billing.checkout().status()).isEqualTo(CheckoutStatus.PENDING);
    }

    @Test
    void whichReadModelDoesNotKnowTheOrganizationIsTold() {
        when(subscriptions.findById(ORG)).thenReturn(Optional.empty());
        organization(5);

        assertThat(queries.handle(new FindBillingQuery(ORG))).isEqualTo(new BillingAnswer.NoSubscription(ORG));

        subscription("free");
        when(organizations.findById(ORG)).thenReturn(Optional.empty());

        assertThat(queries.handle(new FindBillingQuery(ORG))).isEqualTo(new BillingAnswer.NoOrganization(ORG));
    }

    private SubscriptionRow subscription(String plan) {
        SubscriptionRow row = new SubscriptionRow(ORG, "sub-" + ORG, plan, SubscriptionStatus.FREE, STARTED);
        when(subscriptions.findById(ORG)).thenReturn(Optional.of(row));
        return row;
    }

    private void organization(Integer seatLimit) {
        OrganizationRow row = mock(OrganizationRow.class);
        when(row.getSeatLimit()).thenReturn(seatLimit);
        when(organizations.findById(ORG)).thenReturn(Optional.of(row));
    }

    private record Plans(Plan defaultPlan, Plan other) implements PlanLookup {

        @Override
        public Optional<Plan> find(String key) {
            return Optional.ofNullable(Map.of(defaultPlan.key(), defaultPlan, other.key(), other).get(key));
        }
    }
}
