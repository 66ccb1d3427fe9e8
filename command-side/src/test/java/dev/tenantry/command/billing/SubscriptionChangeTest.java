package dev.tenantry.command.billing;

import dev.tenantry.api.billing.CancelAtPeriodEndCommand;
import dev.tenantry.api.billing.ChangePlanCommand;
import dev.tenantry.api.billing.CompleteSubscriptionChangeCommand;
import dev.tenantry.api.billing.FailSubscriptionChangeCommand;
import dev.tenantry.api.billing.OpenBillingPortalCommand;
import dev.tenantry.api.billing.ResumeSubscriptionCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCancellationScheduledEvent;
import dev.tenantry.api.billing.SubscriptionChange;
import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeFailedEvent;
import dev.tenantry.api.billing.SubscriptionChangeRequestedEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.command.testsupport.FixedPlans;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;

/** The owner's changes to a paid subscription: the rules decided by the aggregate, Stripe's answer applied. */
class SubscriptionChangeTest {

    private static final String SUB = "subscription-1";
    private static final String ORG = "org-1";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final String CHANGE = "change-1";
    private static final String KEY = "key-1";

    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER)
            .member(ORG, ADMIN, "admin@example.com", Role.ADMIN);
    private AggregateTestFixture<Subscription> fixture;
    private Instant t0;
    private Instant periodEnd;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerInjectableResource(roster);
        fixture.registerInjectableResource(new FixedPlans());
        fixture.registerInjectableResource((BillingPolicy) () -> Duration.ofDays(7));
        fixture.registerInjectableResource(new ScriptedBillingGateway(fixture.currentTime()));
        t0 = fixture.currentTime();
        periodEnd = t0.plus(Duration.ofDays(30));
    }

    private static SubscriptionStartedEvent started() {
        return new SubscriptionStartedEvent(SUB, ORG, "free", SubscriptionStatus.FREE);
    }

    private SubscriptionActivatedEvent activatedPro() {
        return new SubscriptionActivatedEvent(SUB, ORG, "evt_active", "pro", SubscriptionStatus.ACTIVE,
                "sub_stripe", "cus_1", periodEnd, t0.minusSeconds(60));
    }

    private SubscriptionCancellationScheduledEvent canceling() {
        return new SubscriptionCancellationScheduledEvent(SUB, ORG, "evt_cancel", true, t0.minusSeconds(30));
    }

    private static SubscriptionChangeRequestedEvent requested(SubscriptionChange change) {
        return change == SubscriptionChange.CHANGE_PLAN
                ? new SubscriptionChangeRequestedEvent(SUB, ORG, CHANGE, change, "sub_stripe", "enterprise",
                "price_ent", KEY)
                : new SubscriptionChangeRequestedEvent(SUB, ORG, CHANGE, change, "sub_stripe", null, null, KEY);
    }

    // Change plan

    @Test
    void theOwnerChangesAPaidSubscriptionToAnotherPaidPlan() {
        fixture.given(started(), activatedPro())
                .when(new ChangePlanCommand(SUB, ORG, CHANGE, "enterprise", KEY, OWNER))
                .expectEvents(requested(SubscriptionChange.CHANGE_PLAN));
    }

    @Test
    void onlyTheOwnerChangesThePlan() {
        fixture.given(started(), activatedPro())
                .when(new ChangePlanCommand(SUB, ORG, CHANGE, "enterprise", KEY, ADMIN))
                .expectException(domainError("owner-required"))
                .expectNoEvents();
    }

    @Test
    void theSamePlanTheFreePlanOrAnUnknownPlanIsRefused() {
        fixture.given(started(), activatedPro())
                .when(new ChangePlanCommand(SUB, ORG, CHANGE, "pro", KEY, OWNER))
                .expectException(domainError("plan-unchanged"));
        fixture.given(started(), activatedPro())
                .when(new ChangePlanCommand(SUB, ORG, CHANGE, "free", KEY, OWNER))
                .expectException(domainError("plan-not-purchasable"));
        fixture.given(started(), activatedPro())
                .when(new ChangePlanCommand(SUB, ORG, CHANGE, "gold", KEY, OWNER))
                .expectException(domainError("unknown-plan"));
    }

    @Test
    void withoutAPaidSubscriptionThereIsNothingToChangeCancelOrResume() {
        fixture.given(started())
                .when(new ChangePlanCommand(SUB, ORG, CHANGE, "pro", KEY, OWNER))
                .expectException(domainError("no-paid-subscription"));
        fixture.given(started())
                .when(new CancelAtPeriodEndCommand(SUB, ORG, CHANGE, KEY, OWNER))
                .expectException(domainError("no-paid-subscription"));
        fixture.given(started())
                .when(new ResumeSubscriptionCommand(SUB, ORG, CHANGE, KEY, OWNER))
                .expectException(domainError("no-paid-subscription"));
    }

    // Cancel and resume

    @Test
    void theOwnerCancelsAtPeriodEndOnce() {
        fixture.given(started(), activatedPro())
                .when(new CancelAtPeriodEndCommand(SUB, ORG, CHANGE, KEY, OWNER))
                .expectEvents(requested(SubscriptionChange.CANCEL_AT_PERIOD_END));
        fixture.given(started(), activatedPro(), canceling())
                .when(new CancelAtPeriodEndCommand(SUB, ORG, CHANGE, KEY, OWNER))
                .expectException(domainError("already-canceling"));
    }

    @Test
    void onlyACancellationCanBeResumed() {
        fixture.given(started(), activatedPro(), canceling())
                .when(new ResumeSubscriptionCommand(SUB, ORG, CHANGE, KEY, OWNER))
                .expectEvents(requested(SubscriptionChange.RESUME));
        fixture.given(started(), activatedPro())
                .when(new ResumeSubscriptionCommand(SUB, ORG, CHANGE, KEY, OWNER))
                .expectException(domainError("not-canceling"));
    }

    @Test
    void onlyTheOwnerCancels() {
        fixture.given(started(), activatedPro())
                .when(new CancelAtPeriodEndCommand(SUB, ORG, CHANGE, KEY, ADMIN))
                .expectException(domainError("owner-required"));
    }

    // Outcomes

    @Test
    void stripesAnswerIsAppliedThenTheChangeIsCompleted() {
        StripeSubscriptionSnapshot answer = new StripeSubscriptionSnapshot("sub_stripe", "cus_1", SubscriptionStatus.ACTIVE,
                "price_ent", periodEnd, false, t0);
        fixture.given(started(), activatedPro(), requested(SubscriptionChange.CHANGE_PLAN))
                .when(new CompleteSubscriptionChangeCommand(SUB, ORG, CHANGE, SubscriptionChange.CHANGE_PLAN, answer))
                .expectEvents(new SubscriptionPlanChangedEvent(SUB, ORG, null, "pro", "enterprise", t0),
                        new SeatLimitChangedEvent(ORG, null),
                        new WorkspaceLimitChangedEvent(ORG, null),
                        new SubscriptionChangeCompletedEvent(SUB, ORG, CHANGE, SubscriptionChange.CHANGE_PLAN));
    }

    @Test
    void anAnswerOlderThanWhatWasAppliedCompletesTheChangeWithoutUndoingNewerState() {
        StripeSubscriptionSnapshot stale = new StripeSubscriptionSnapshot("sub_stripe", "cus_1", SubscriptionStatus.ACTIVE,
                "price_pro", periodEnd, false, t0.minusSeconds(45));
        fixture.given(started(), activatedPro(), canceling(), requested(SubscriptionChange.RESUME))
                .when(new CompleteSubscriptionChangeCommand(SUB, ORG, CHANGE, SubscriptionChange.RESUME, stale))
                .expectEvents(new SubscriptionChangeCompletedEvent(SUB, ORG, CHANGE, SubscriptionChange.RESUME));
    }

    @Test
    void aFailedChangeIsRecordedAndChangesNothing() {
        fixture.given(started(), activatedPro(), requested(SubscriptionChange.CANCEL_AT_PERIOD_END))
                .when(new FailSubscriptionChangeCommand(SUB, ORG, CHANGE, SubscriptionChange.CANCEL_AT_PERIOD_END,
                        "Stripe refused the change", false))
                .expectEvents(new SubscriptionChangeFailedEvent(SUB, ORG, CHANGE,
                        SubscriptionChange.CANCEL_AT_PERIOD_END, "Stripe refused the change", false));
        // Still not canceling: a second cancellation is allowed.
        fixture.given(started(), activatedPro(), requested(SubscriptionChange.CANCEL_AT_PERIOD_END),
                        new SubscriptionChangeFailedEvent(SUB, ORG, CHANGE, SubscriptionChange.CANCEL_AT_PERIOD_END,
                                "Stripe refused the change", false))
                .when(new CancelAtPeriodEndCommand(SUB, ORG, "change-2", "key-2", OWNER))
                .expectSuccessfulHandlerExecution();
    }

    // Billing portal

    @Test
    void theOwnerOpensThePortalOfTheSubscriptionsCustomerAndNothingIsRecorded() {
        fixture.given(started(), activatedPro())
                .when(new OpenBillingPortalCommand(SUB, ORG, "https://app.test/billing", OWNER))
                .expectNoEvents()
                .expectResultMessagePayload("https://billing.stripe.test/cus_1?return=https://app.test/billing");
    }

    @Test
    void anOrganizationThatNeverPaidHasNoPortalAndOnlyTheOwnerOpensIt() {
        fixture.given(started())
                .when(new OpenBillingPortalCommand(SUB, ORG, "https://app.test/billing", OWNER))
                .expectException(domainError("no-billing-account"));
        fixture.given(started(), activatedPro())
                .when(new OpenBillingPortalCommand(SUB, ORG, "https://app.test/billing", ADMIN))
                .expectException(domainError("owner-required"));
    }
}
