package dev.tenantry.command.billing;

import dev.tenantry.api.billing.CompleteSubscriptionChangeCommand;
import dev.tenantry.api.billing.FailSubscriptionChangeCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionChange;
import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeRequestedEvent;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class SubscriptionChangeSagaTest {

    private static final String SUBSCRIPTION = "sub-aggregate-1";
    private static final String ORG = "org-1";
    private static final String CHANGE = "change-1";

    private ScriptedBillingGateway gateway;
    private SagaTestFixture<SubscriptionChangeSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(SubscriptionChangeSaga.class);
        gateway = new ScriptedBillingGateway(fixture.currentTime());
        fixture.registerResource(gateway);
    }

    private static SubscriptionChangeRequestedEvent requested(SubscriptionChange change) {
        return change == SubscriptionChange.CHANGE_PLAN
                ? new SubscriptionChangeRequestedEvent(SUBSCRIPTION, ORG, CHANGE, change, "sub_stripe", "enterprise",
                "price_ent", "change-plan-key")
                : new SubscriptionChangeRequestedEvent(SUBSCRIPTION, ORG, CHANGE, change, "sub_stripe", null, null,
                change.name() + "-key");
    }

    private CompleteSubscriptionChangeCommand completed(SubscriptionChange change, String price, boolean cancel) {
        return new CompleteSubscriptionChangeCommand(SUBSCRIPTION, ORG, CHANGE, change,
                new StripeSubscriptionSnapshot("sub_stripe", "cus_1", SubscriptionStatus.ACTIVE, price, gateway.periodEnd, cancel,
                        gateway.now));
    }

    @Test
    void aPlanChangeMovesTheStripePriceWithTheRequestsKeyAndRecordsStripesAnswer() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested(SubscriptionChange.CHANGE_PLAN))
                .expectActiveSagas(1)
                .expectDispatchedCommands(completed(SubscriptionChange.CHANGE_PLAN, "price_ent", false));
        assertThat(gateway.idempotencyKeys).containsExactly("change-plan-key");
    }

    @Test
    void cancelAndResumeSetStripesCancelAtPeriodEnd() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested(SubscriptionChange.CANCEL_AT_PERIOD_END))
                .expectDispatchedCommands(completed(SubscriptionChange.CANCEL_AT_PERIOD_END, "price_pro", true));
        setUp();
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested(SubscriptionChange.RESUME))
                .expectDispatchedCommands(completed(SubscriptionChange.RESUME, "price_pro", false));
    }

    @Test
    void aFailureThatMayPassIsRetriedAfterAWaitWithTheSameKey() {
        gateway.failing(1, true);
        fixture.givenAggregate(SUBSCRIPTION).published(requested(SubscriptionChange.CANCEL_AT_PERIOD_END))
                .whenTimeElapses(SubscriptionChangeSaga.FIRST_RETRY_DELAY)
                .expectDispatchedCommands(completed(SubscriptionChange.CANCEL_AT_PERIOD_END, "price_pro", true));
        assertThat(gateway.idempotencyKeys).containsExactly("CANCEL_AT_PERIOD_END-key", "CANCEL_AT_PERIOD_END-key");
    }

    @Test
    void afterTheLastAttemptTheChangeFailsAsUnavailable() {
        gateway.failing(SubscriptionChangeSaga.MAX_ATTEMPTS, true);
        fixture.givenAggregate(SUBSCRIPTION).published(requested(SubscriptionChange.CANCEL_AT_PERIOD_END))
                .whenTimeElapses(Duration.ofMinutes(1))
                .expectDispatchedCommands(new FailSubscriptionChangeCommand(SUBSCRIPTION, ORG, CHANGE,
                        SubscriptionChange.CANCEL_AT_PERIOD_END,
                        "Stripe could not be reached after " + SubscriptionChangeSaga.MAX_ATTEMPTS + " attempts",
                        true));
    }

    @Test
    void aRefusalIsNotRetriedAndKeepsStripesMessageOutOfTheEvent() {
        gateway.failing(1, false);
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested(SubscriptionChange.CHANGE_PLAN))
                .expectDispatchedCommands(new FailSubscriptionChangeCommand(SUBSCRIPTION, ORG, CHANGE,
                        SubscriptionChange.CHANGE_PLAN, "Stripe refused the change", false))
                .expectNoScheduledDeadlines();
    }

    @Test
    void theOutcomeEndsTheSagaAndItsRetry() {
        gateway.failing(1, true);
        fixture.givenAggregate(SUBSCRIPTION).published(requested(SubscriptionChange.RESUME))
                .whenAggregate(SUBSCRIPTION).publishes(new SubscriptionChangeCompletedEvent(SUBSCRIPTION, ORG, CHANGE,
                        SubscriptionChange.RESUME))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }
}
