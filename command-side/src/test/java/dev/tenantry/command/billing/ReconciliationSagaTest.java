package dev.tenantry.command.billing;

import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.StripeEventReceivedEvent;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

class ReconciliationSagaTest {

    private static final String SUBSCRIPTION = "sub-aggregate-1";
    private static final String ORG = "org-1";
    private static final String EVENT = "evt_1";
    private static final String STRIPE_SUB = "sub_stripe_1";
    private static final Instant CREATED = Instant.parse("2026-11-01T10:00:00Z");
    private static final StripeSubscriptionSnapshot PAYLOAD = new StripeSubscriptionSnapshot(STRIPE_SUB, "cus_1",
            SubscriptionStatus.CHECKOUT_PENDING, "price_pro", Instant.parse("2026-12-01T00:00:00Z"), false, CREATED);
    /** Stripe's current state; its observedAt is whatever the adapter said, which the saga replaces. */
    private static final StripeSubscriptionSnapshot CURRENT = new StripeSubscriptionSnapshot(STRIPE_SUB, "cus_1",
            SubscriptionStatus.ACTIVE, "price_enterprise", Instant.parse("2026-12-01T00:00:00Z"), true, Instant.EPOCH);

    private ScriptedBillingGateway gateway;
    private SagaTestFixture<ReconciliationSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(ReconciliationSaga.class);
        gateway = new ScriptedBillingGateway(fixture.currentTime());
        fixture.registerResource(gateway);
    }

    private static StripeEventReceivedEvent received(StripeSubscriptionSnapshot payload) {
        return new StripeEventReceivedEvent(SUBSCRIPTION, ORG, EVENT, "customer.subscription.updated", STRIPE_SUB,
                payload);
    }

    private static ApplyStripeSubscriptionCommand applyPayload() {
        return new ApplyStripeSubscriptionCommand(SUBSCRIPTION, ORG, EVENT, PAYLOAD);
    }

    @Test
    void stripesCurrentStateIsAppliedObservedWhenItWasFetchedAndTheSagaEnds() {
        gateway.subscription = CURRENT;
        Instant before = Instant.now();

        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(received(PAYLOAD))
                .expectDispatchedCommandsMatching(exactSequenceOf(messageWithPayload(predicate(
                        appliedCurrentStateFetchedBetween(before, Instant.now().plusSeconds(1))))))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(gateway.fetched).containsExactly(STRIPE_SUB);
    }

    @Test
    void whenStripeCannotBeReachedThePayloadIsAppliedObservedAtTheEventsCreationAndTheSagaEnds() {
        gateway.fetchFailing(1, false);

        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(received(PAYLOAD))
                .expectDispatchedCommands(applyPayload())
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void anyOtherFailureOfTheFetchFallsBackToThePayloadToo() {
        gateway.fetchFailures.add(new IllegalStateException("the adapter broke"));

        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(received(PAYLOAD))
                .expectDispatchedCommands(applyPayload())
                .expectActiveSagas(0);
    }

    @Test
    void aSubscriptionStripeNoLongerKnowsFallsBackToThePayload() {
        gateway.subscription = null;

        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(received(PAYLOAD))
                .expectDispatchedCommands(applyPayload())
                .expectActiveSagas(0);
    }

    @Test
    void withoutAPayloadAndWithoutStripeNothingIsAppliedAndTheSagaEnds() {
        gateway.fetchFailing(1, false);

        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(received(null))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0);
    }

    @Test
    void aFailureThatMayPassAppliesThePayloadAtOnceAndFetchesAgainLater() {
        gateway.fetchFailing(1, true);

        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(received(PAYLOAD))
                .expectDispatchedCommands(applyPayload())
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(ReconciliationSaga.FIRST_RETRY_DELAY,
                        ReconciliationSaga.RETRY_DEADLINE);
    }

    @Test
    void theRetriedFetchAppliesStripesCurrentStateAndEndsTheSaga() {
        gateway.fetchFailing(1, true);
        gateway.subscription = CURRENT;

        fixture.givenAggregate(SUBSCRIPTION).published(received(PAYLOAD))
                .whenTimeElapses(ReconciliationSaga.FIRST_RETRY_DELAY)
                .expectTriggeredDeadlinesWithName(ReconciliationSaga.RETRY_DEADLINE)
                .expectDispatchedCommandsMatching(exactSequenceOf(messageWithPayload(predicate(
                        appliedCurrentStateFetchedBetween(Instant.now().minusSeconds(5),
                                Instant.now().plusSeconds(5))))))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(gateway.fetched).containsExactly(STRIPE_SUB, STRIPE_SUB);
    }

    @Test
    void theWaitBetweenFetchesGrowsAndAfterTheLastAttemptThePayloadStandsAndTheSagaEnds() {
        gateway.fetchFailing(ReconciliationSaga.MAX_ATTEMPTS, true);

        fixture.givenAggregate(SUBSCRIPTION).published(received(PAYLOAD))
                .whenTimeElapses(ReconciliationSaga.FIRST_RETRY_DELAY)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(ReconciliationSaga.FIRST_RETRY_DELAY.multipliedBy(2),
                        ReconciliationSaga.RETRY_DEADLINE);

        fixture.whenTimeElapses(Duration.ofHours(1))
                .expectNoDispatchedCommands()
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
        assertThat(gateway.fetched).hasSize(ReconciliationSaga.MAX_ATTEMPTS);
    }

    @Test
    void anEventWithoutAStripeSubscriptionAppliesItsPayloadWithoutAsking() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(new StripeEventReceivedEvent(SUBSCRIPTION, ORG, EVENT,
                        "customer.subscription.updated", null, PAYLOAD))
                .expectDispatchedCommands(applyPayload())
                .expectActiveSagas(0);
        assertThat(gateway.fetched).isEmpty();
    }

    private static Predicate<Object> appliedCurrentStateFetchedBetween(Instant from, Instant to) {
        return payload -> payload instanceof ApplyStripeSubscriptionCommand apply
                && apply.subscriptionId().equals(SUBSCRIPTION) && apply.organizationId().equals(ORG)
                && apply.stripeEventId().equals(EVENT)
                && apply.snapshot().status() == SubscriptionStatus.ACTIVE
                && apply.snapshot().priceId().equals("price_enterprise")
                && apply.snapshot().cancelAtPeriodEnd()
                && !apply.snapshot().observedAt().isBefore(from) && !apply.snapshot().observedAt().isAfter(to);
    }
}
