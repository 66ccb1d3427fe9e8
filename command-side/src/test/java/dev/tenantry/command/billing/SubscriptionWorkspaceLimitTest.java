package dev.tenantry.command.billing;

import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.RecordWorkspaceLimitCommand;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.command.testsupport.FixedPlans;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

/**
 * The upgrade backfill asks the subscription of an organization from before workspaces for the workspace limit its
 * current state allows: the histories below are as the subscription stored them before workspaces existed (seat
 * limits, no workspace limit).
 */
class SubscriptionWorkspaceLimitTest {

    private static final String SUB = "subscription-1";
    private static final String ORG = "org-1";
    private static final Instant OBSERVED = Instant.EPOCH.plusSeconds(10);

    private AggregateTestFixture<Subscription> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerInjectableResource(new FixedPlans());
    }

    private static SubscriptionStartedEvent startedFree() {
        return new SubscriptionStartedEvent(SUB, ORG, "free", SubscriptionStatus.FREE);
    }

    private static SubscriptionActivatedEvent activated(String plan) {
        return new SubscriptionActivatedEvent(SUB, ORG, "evt_active", plan, SubscriptionStatus.ACTIVE, "sub_stripe",
                "cus_1", OBSERVED.plusSeconds(3600), OBSERVED);
    }

    private static RecordWorkspaceLimitCommand record() {
        return new RecordWorkspaceLimitCommand(SUB, ORG);
    }

    @Test
    void aFreeOrganizationGetsTheFreePlansLimit() {
        fixture.given(startedFree())
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, 3));
    }

    @Test
    void aPayingOrganizationGetsItsPlansLimit() {
        fixture.given(startedFree(), activated("pro"), new SeatLimitChangedEvent(ORG, 20))
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, 25));
    }

    @Test
    void anEnterpriseOrganizationGetsNoLimit() {
        fixture.given(startedFree(), activated("enterprise"), new SeatLimitChangedEvent(ORG, null))
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, null));
    }

    @Test
    void aPaidPlanThatFellBackToFreeAfterDunningGetsTheFreePlansLimit() {
        fixture.given(startedFree(), activated("pro"), new SeatLimitChangedEvent(ORG, 20),
                        new SubscriptionPastDueEvent(SUB, ORG, "evt_failed", OBSERVED.plusSeconds(60)),
                        new GracePeriodExpiredEvent(SUB, ORG, "pro", "free"), new SeatLimitChangedEvent(ORG, 5))
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, 3));
    }

    @Test
    void aPaidPlanRestoredAfterTheFallbackGetsItsOwnLimitAgain() {
        fixture.given(startedFree(), activated("pro"),
                        new SubscriptionPastDueEvent(SUB, ORG, "evt_failed", OBSERVED.plusSeconds(60)),
                        new GracePeriodExpiredEvent(SUB, ORG, "pro", "free"),
                        new PaidPlanRestoredEvent(SUB, ORG, "evt_paid", "pro"))
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, 25));
    }

    @Test
    void aCanceledSubscriptionGetsTheFreePlansLimit() {
        fixture.given(startedFree(), activated("pro"),
                        new SubscriptionCanceledEvent(SUB, ORG, "evt_deleted", "free", OBSERVED.plusSeconds(60)),
                        new SeatLimitChangedEvent(ORG, 5))
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, 3));
    }

    @Test
    void anUnfinishedCheckoutLeavesTheCurrentPlansLimit() {
        fixture.given(startedFree(), new CheckoutRequestedEvent(SUB, ORG, "checkout-1", "pro", "price_pro", null))
                .when(record())
                .expectEvents(new WorkspaceLimitChangedEvent(ORG, 3));
    }

    @Test
    void aSecondRequestRecordsNothing() {
        fixture.given(startedFree(), new WorkspaceLimitChangedEvent(ORG, 3))
                .when(record())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aLimitRecordedByAPlanChangeSinceWorkspacesIsLeftAsItIs() {
        fixture.given(startedFree(), activated("pro"), new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25))
                .when(record())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }
}
