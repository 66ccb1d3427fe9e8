package dev.tenantry.command.billing;

import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.CheckoutCompletedEvent;
import dev.tenantry.api.billing.CheckoutExpiredEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.CheckoutSessionCreatedEvent;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.InvoiceEventKind;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.PaymentFailedEvent;
import dev.tenantry.api.billing.PaymentSucceededEvent;
import dev.tenantry.api.billing.RecordCheckoutSessionCommand;
import dev.tenantry.api.billing.RecordInvoiceEventCommand;
import dev.tenantry.api.billing.RecordStripeEventCommand;
import dev.tenantry.api.billing.StripeEventReceivedEvent;
import dev.tenantry.api.billing.StripeStateObservedEvent;
import dev.tenantry.api.billing.RequestCheckoutCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionCancellationScheduledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionRenewedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionStatusChangedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.command.testsupport.FixedPlans;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;

class SubscriptionTest {

    private static final String SUB = "subscription-1";
    private static final String ORG = "org-1";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant PERIOD_1 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant PERIOD_2 = Instant.parse("2027-01-01T00:00:00Z");
    private static final Duration GRACE = Duration.ofDays(7);

    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER)
            .member(ORG, ADMIN, "admin@example.com", Role.ADMIN);
    private AggregateTestFixture<Subscription> fixture;
    private Clock axonClock;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Subscription.class);
        fixture.registerInjectableResource(roster);
        fixture.registerInjectableResource(new FixedPlans());
        fixture.registerInjectableResource((BillingPolicy) () -> GRACE);
        // The fixture moves Axon's clock only while a command runs; deadline handlers read it too.
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return java.time.ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return fixture.currentTime();
            }
        };
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = axonClock;
    }

    private static SubscriptionStartedEvent started() {
        return new SubscriptionStartedEvent(SUB, ORG, "free", SubscriptionStatus.FREE);
    }

    private static CheckoutRequestedEvent requested(String checkout) {
        return new CheckoutRequestedEvent(SUB, ORG, checkout, "pro", "price_pro", null);
    }

    private static StripeSubscriptionSnapshot snapshot(SubscriptionStatus status, String price, Instant periodEnd,
                                                       boolean cancelAtPeriodEnd, Instant observedAt) {
        return new StripeSubscriptionSnapshot("sub_stripe", "cus_1", status, price, periodEnd, cancelAtPeriodEnd,
                observedAt);
    }

    private static ApplyStripeSubscriptionCommand apply(String eventId, StripeSubscriptionSnapshot snapshot) {
        return new ApplyStripeSubscriptionCommand(SUB, ORG, eventId, snapshot);
    }

    private static SubscriptionActivatedEvent activatedPro() {
        return new SubscriptionActivatedEvent(SUB, ORG, "evt_active", "pro", SubscriptionStatus.ACTIVE,
                "sub_stripe", "cus_1", PERIOD_1, T0.plusSeconds(10));
    }

    // Checkout

    @Test
    void theOwnerRequestsACheckoutForAPaidPlan() {
        fixture.given(started())
                .when(new RequestCheckoutCommand(SUB, ORG, "checkout-1", "pro", OWNER))
                .expectEvents(requested("checkout-1"));
    }

    @Test
    void onlyTheOwnerPays() {
        fixture.given(started())
                .when(new RequestCheckoutCommand(SUB, ORG, "checkout-1", "pro", ADMIN))
                .expectException(domainError("owner-required"))
                .expectNoEvents();
    }

    @Test
    void anUnknownPlanOrTheFreePlanCannotBeBought() {
        fixture.given(started())
                .when(new RequestCheckoutCommand(SUB, ORG, "checkout-1", "gold", OWNER))
                .expectException(domainError("unknown-plan"));
        fixture.given(started())
                .when(new RequestCheckoutCommand(SUB, ORG, "checkout-1", "free", OWNER))
                .expectException(domainError("plan-not-purchasable"));
    }

    @Test
    void aPayingOrganizationChangesPlanInsteadOfCheckingOutAgain() {
        fixture.given(started(), requested("checkout-1"), activatedPro())
                .when(new RequestCheckoutCommand(SUB, ORG, "checkout-2", "enterprise", OWNER))
                .expectException(domainError("subscription-active"))
                .expectNoEvents();
    }

    @Test
    void aNewCheckoutReplacesAnUnfinishedOne() {
        fixture.given(started(), requested("checkout-1"))
                .when(new RequestCheckoutCommand(SUB, ORG, "checkout-2", "pro", OWNER))
                .expectEvents(new CheckoutExpiredEvent(SUB, ORG, "checkout-1"), requested("checkout-2"));
    }

    @Test
    void aSessionIsRecordedOnlyForTheCheckoutStillPending() {
        Instant expires = T0.plus(Duration.ofHours(24));
        fixture.given(started(), requested("checkout-1"))
                .when(new RecordCheckoutSessionCommand(SUB, ORG, "checkout-1", "cus_1", "cs_1", "https://pay", expires))
                .expectEvents(new CheckoutSessionCreatedEvent(SUB, ORG, "checkout-1", "cus_1", "cs_1", "https://pay",
                        expires));
        fixture.given(started(), requested("checkout-1"), new CheckoutExpiredEvent(SUB, ORG, "checkout-1"))
                .when(new RecordCheckoutSessionCommand(SUB, ORG, "checkout-1", "cus_1", "cs_1", "https://pay", expires))
                .expectNoEvents();
    }

    @Test
    void theSameSessionRecordedAgainIsRecordedOnce() {
        Instant expires = T0.plus(Duration.ofHours(24));
        fixture.given(started(), requested("checkout-1"), new CheckoutSessionCreatedEvent(SUB, ORG, "checkout-1",
                        "cus_1", "cs_1", "https://pay", expires))
                .when(new RecordCheckoutSessionCommand(SUB, ORG, "checkout-1", "cus_1", "cs_1", "https://pay", expires))
                .expectNoEvents();
    }

    // Stripe's state, in any order

    @Test
    void aStripeEventIsRecordedForReconciliation() {
        StripeSubscriptionSnapshot payload = snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(10));
        fixture.given(started())
                .when(new RecordStripeEventCommand(SUB, ORG, "evt_updated", "customer.subscription.updated",
                        "sub_stripe", payload))
                .expectEvents(new StripeEventReceivedEvent(SUB, ORG, "evt_updated", "customer.subscription.updated",
                        "sub_stripe", payload));
    }

    @Test
    void aRecordedStripeEventChangesNothingUntilReconciliationAppliesAState() {
        StripeSubscriptionSnapshot payload = snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(20));
        fixture.given(started(), new StripeEventReceivedEvent(SUB, ORG, "evt_updated",
                        "customer.subscription.updated", "sub_stripe", payload))
                .when(apply("evt_active", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(10))))
                .expectEvents(activatedPro(), new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25));
    }

    @Test
    void anActiveSubscriptionCompletesTheCheckoutAndActivatesThePaidPlan() {
        fixture.given(started(), requested("checkout-1"))
                .when(apply("evt_active", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(10))))
                .expectEvents(new CheckoutCompletedEvent(SUB, ORG, "checkout-1", "sub_stripe", "evt_active"),
                        activatedPro(), new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25));
    }

    @Test
    void aLateOlderIncompleteStateDoesNotUndoTheActiveOne() {
        fixture.given(started(), requested("checkout-1"),
                        new CheckoutCompletedEvent(SUB, ORG, "checkout-1", "sub_stripe", "evt_active"), activatedPro())
                .when(apply("evt_created", snapshot(SubscriptionStatus.CHECKOUT_PENDING, "price_pro", PERIOD_1, false, T0.plusSeconds(5))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theSameStateDeliveredTwiceChangesNothing() {
        fixture.given(started(), activatedPro())
                .when(apply("evt_active", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(10))))
                .expectNoEvents();
    }

    @Test
    void aNewerStateThatChangesNothingIsStillRecordedAsObserved() {
        Instant later = T0.plusSeconds(40);
        fixture.given(started(), activatedPro())
                .when(apply("evt_same", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, later)))
                .expectEvents(new StripeStateObservedEvent(SUB, ORG, "evt_same", later));
    }

    @Test
    void anOlderStateArrivingAfterANewerOneThatChangedNothingIsStale() {
        fixture.given(started(), activatedPro())
                .andGivenCommands(apply("evt_same", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false,
                        T0.plusSeconds(40))))
                .when(apply("evt_late", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, true, T0.plusSeconds(30))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void beforeAnythingIsPaidAStateThatStartsNothingIsNotRecordedSoAnOlderActiveOneStillStartsIt() {
        fixture.given(started())
                .andGivenCommands(apply("evt_created", snapshot(SubscriptionStatus.CHECKOUT_PENDING, "price_pro", PERIOD_1, false,
                        T0.plusSeconds(40))))
                .when(apply("evt_active", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(10))))
                .expectEvents(activatedPro(), new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25));
    }

    @Test
    void aSubscriptionFirstSeenPastDueStartsThePaidPlanInItsGracePeriod() {
        Instant at = T0.plusSeconds(10);
        fixture.given(started())
                .when(apply("evt_past_due", snapshot(SubscriptionStatus.PAST_DUE, "price_pro", PERIOD_1, false, at)))
                .expectEvents(new SubscriptionActivatedEvent(SUB, ORG, "evt_past_due", "pro",
                                SubscriptionStatus.ACTIVE, "sub_stripe", "cus_1", PERIOD_1, at),
                        new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25),
                        new SubscriptionPastDueEvent(SUB, ORG, "evt_past_due", fixture.currentTime().plus(GRACE)))
                .expectScheduledDeadlineWithName(GRACE, Subscription.GRACE_DEADLINE);
    }

    @Test
    void aSubscriptionFirstSeenUnpaidStartsThePaidPlanAsUnpaid() {
        Instant at = T0.plusSeconds(10);
        fixture.given(started())
                .when(apply("evt_unpaid", snapshot(SubscriptionStatus.UNPAID, "price_pro", PERIOD_1, false, at)))
                .expectEvents(new SubscriptionActivatedEvent(SUB, ORG, "evt_unpaid", "pro",
                                SubscriptionStatus.ACTIVE, "sub_stripe", "cus_1", PERIOD_1, at),
                        new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25),
                        new SubscriptionStatusChangedEvent(SUB, ORG, "evt_unpaid", SubscriptionStatus.ACTIVE,
                                SubscriptionStatus.UNPAID, at));
    }

    @Test
    void aPastDueStateStartsTheGracePeriodAndIsRecordedAsObserved() {
        Instant later = T0.plusSeconds(40);
        fixture.given(started(), activatedPro())
                .when(apply("evt_past_due", snapshot(SubscriptionStatus.PAST_DUE, "price_pro", PERIOD_1, false, later)))
                .expectEvents(new SubscriptionPastDueEvent(SUB, ORG, "evt_past_due", fixture.currentTime().plus(GRACE)),
                        new StripeStateObservedEvent(SUB, ORG, "evt_past_due", later));
    }

    @Test
    void anOlderActiveStateArrivingAfterThePastDueOneIsStale() {
        fixture.given(started(), activatedPro())
                .andGivenCommands(apply("evt_past_due", snapshot(SubscriptionStatus.PAST_DUE, "price_pro", PERIOD_1, false,
                        T0.plusSeconds(40))))
                .when(apply("evt_late", snapshot(SubscriptionStatus.ACTIVE, "price_pro", PERIOD_1, false, T0.plusSeconds(30))))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aNewerStateChangesPlanMovesThePeriodAndSchedulesTheCancellation() {
        Instant later = T0.plusSeconds(100);
        fixture.given(started(), activatedPro())
                .when(apply("evt_updated", snapshot(SubscriptionStatus.ACTIVE, "price_ent", PERIOD_2, true, later)))
                .expectEvents(
                        new SubscriptionPlanChangedEvent(SUB, ORG, "evt_updated", "pro", "enterprise", later),
                        new SeatLimitChangedEvent(ORG, null),
                        new WorkspaceLimitChangedEvent(ORG, null),
                        new SubscriptionRenewedEvent(SUB, ORG, "evt_updated", PERIOD_2, later),
                        new SubscriptionCancellationScheduledEvent(SUB, ORG, "evt_updated", true, later));
    }

    @Test
    void aCanceledSubscriptionPutsTheOrganizationBackOnTheFreePlan() {
        Instant later = T0.plusSeconds(100);
        fixture.given(started(), activatedPro())
                .when(apply("evt_deleted", snapshot(SubscriptionStatus.CANCELED, "price_pro", PERIOD_1, false, later)))
                .expectEvents(new SubscriptionCanceledEvent(SUB, ORG, "evt_deleted", "free", later),
                        new SeatLimitChangedEvent(ORG, 5),
                        new WorkspaceLimitChangedEvent(ORG, 3));
    }

    @Test
    void aPlanChangeWhileTheFreePlansLimitsApplyLeavesTheSeatLimitAsItIs() {
        Instant later = T0.plus(Duration.ofDays(9));
        fixture.given(started(), activatedPro(),
                        new SubscriptionPastDueEvent(SUB, ORG, "evt_failed", T0.plus(GRACE)),
                        new GracePeriodExpiredEvent(SUB, ORG, "pro", "free"))
                .when(apply("evt_updated", snapshot(SubscriptionStatus.PAST_DUE, "price_ent", PERIOD_1, false, later)))
                .expectEvents(new SubscriptionPlanChangedEvent(SUB, ORG, "evt_updated", "pro", "enterprise", later));
    }

    // Dunning

    @Test
    void aFailedPaymentMakesItPastDueAndStartsTheGracePeriod() {
        Instant at = fixture.currentTime();
        fixture.given(started(), activatedPro())
                .when(new RecordInvoiceEventCommand(SUB, ORG, "evt_failed", InvoiceEventKind.PAYMENT_FAILED, "in_1",
                        2900, "usd", at))
                .expectEvents(new PaymentFailedEvent(SUB, ORG, "evt_failed", "in_1", 2900, "usd", at),
                        new SubscriptionPastDueEvent(SUB, ORG, "evt_failed", at.plus(GRACE)))
                .expectScheduledDeadlineWithName(GRACE, Subscription.GRACE_DEADLINE);
    }

    @Test
    void stillUnpaidWhenTheGracePeriodEndsTheFreePlansLimitsApply() {
        fixture.given(started(), activatedPro())
                .andGivenCommands(new RecordInvoiceEventCommand(SUB, ORG, "evt_failed", InvoiceEventKind.PAYMENT_FAILED,
                        "in_1", 2900, "usd", T0))
                .whenTimeElapses(GRACE)
                .expectEvents(new GracePeriodExpiredEvent(SUB, ORG, "pro", "free"), new SeatLimitChangedEvent(ORG, 5),
                        new WorkspaceLimitChangedEvent(ORG, 3));
    }

    @Test
    void aPaymentAfterTheGracePeriodRestoresThePaidPlan() {
        Instant paidAt = T0.plus(Duration.ofDays(10));
        fixture.given(started(), activatedPro(),
                        new SubscriptionPastDueEvent(SUB, ORG, "evt_failed", T0.plus(GRACE)),
                        new GracePeriodExpiredEvent(SUB, ORG, "pro", "free"))
                .when(new RecordInvoiceEventCommand(SUB, ORG, "evt_paid", InvoiceEventKind.PAID, "in_1", 2900, "usd",
                        paidAt))
                .expectEvents(new PaymentSucceededEvent(SUB, ORG, "evt_paid", "in_1", 2900, "usd", paidAt),
                        new PaidPlanRestoredEvent(SUB, ORG, "evt_paid", "pro"), new SeatLimitChangedEvent(ORG, 20),
                        new WorkspaceLimitChangedEvent(ORG, 25),
                        new SubscriptionStatusChangedEvent(SUB, ORG, "evt_paid", SubscriptionStatus.PAST_DUE,
                                SubscriptionStatus.ACTIVE, paidAt));
    }

    @Test
    void aPaymentWithinTheGracePeriodEndsItWithoutAFallback() {
        fixture.given(started(), activatedPro())
                .andGivenCommands(
                        new RecordInvoiceEventCommand(SUB, ORG, "evt_failed", InvoiceEventKind.PAYMENT_FAILED, "in_1",
                                2900, "usd", T0),
                        new RecordInvoiceEventCommand(SUB, ORG, "evt_paid", InvoiceEventKind.PAID, "in_1", 2900, "usd",
                                T0.plusSeconds(60)))
                .whenTimeElapses(GRACE.plusDays(1))
                .expectNoEvents();
    }
}
