package dev.tenantry.command.billing;

import dev.tenantry.api.billing.CheckoutCompletedEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.ExpireCheckoutCommand;
import dev.tenantry.api.billing.FailCheckoutCommand;
import dev.tenantry.api.billing.RecordCheckoutSessionCommand;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.messageWithPayload;
import static org.axonframework.test.matchers.Matchers.predicate;

class CheckoutSagaTest {

    private static final String SUBSCRIPTION = "sub-aggregate-1";
    private static final String ORG = "org-1";
    private static final String CHECKOUT = "checkout-1";

    private ScriptedBillingGateway gateway;
    private SagaTestFixture<CheckoutSaga> fixture;

    @BeforeEach
    void setUp() {
        fixture = new SagaTestFixture<>(CheckoutSaga.class);
        gateway = new ScriptedBillingGateway(fixture.currentTime());
        fixture.registerResource(gateway);
    }

    private static CheckoutRequestedEvent requested(String existingCustomer) {
        return new CheckoutRequestedEvent(SUBSCRIPTION, ORG, CHECKOUT, "pro", "price_pro", existingCustomer);
    }

    private RecordCheckoutSessionCommand recorded(String customer) {
        return new RecordCheckoutSessionCommand(SUBSCRIPTION, ORG, CHECKOUT, customer, "cs_" + ORG,
                "https://checkout.stripe.test/" + ORG, gateway.sessionExpires);
    }

    @Test
    void aRequestedCheckoutGetsACustomerAndASessionWhoseUrlIsRecordedAndWhoseExpiryIsWatched() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested(null))
                .expectActiveSagas(1)
                .expectDispatchedCommands(recorded("cus_" + ORG))
                .expectScheduledDeadlineWithName(gateway.sessionExpires,
                        CheckoutSaga.EXPIRY_DEADLINE);
        // Keys derived from the request: a retried call never makes a second customer or session.
        assertThat(gateway.idempotencyKeys).containsExactly("customer-" + CHECKOUT, "checkout-" + CHECKOUT);
    }

    @Test
    void anExistingCustomerIsReused() {
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested("cus_existing"))
                .expectDispatchedCommands(recorded("cus_existing"));
    }

    @Test
    void aFailureThatMayPassIsRetriedAfterAWaitAndThenSucceeds() {
        gateway.failing(1, true);
        fixture.givenAggregate(SUBSCRIPTION).published(requested(null))
                .whenTimeElapses(CheckoutSaga.FIRST_RETRY_DELAY)
                .expectDispatchedCommands(recorded("cus_" + ORG))
                .expectActiveSagas(1);
    }

    @Test
    void theWaitBetweenRetriesGrows() {
        gateway.failing(2, true);
        fixture.givenAggregate(SUBSCRIPTION).published(requested(null))
                .whenTimeElapses(CheckoutSaga.FIRST_RETRY_DELAY)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(CheckoutSaga.FIRST_RETRY_DELAY.multipliedBy(2),
                        CheckoutSaga.RETRY_DEADLINE);
    }

    @Test
    void afterTheLastAttemptTheCheckoutFailsWithAReason() {
        gateway.failing(CheckoutSaga.MAX_ATTEMPTS, true);
        fixture.givenAggregate(SUBSCRIPTION).published(requested(null))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectDispatchedCommandsMatching(exactSequenceOf(messageWithPayload(predicate(failedWith(
                        "Stripe could not be reached after " + CheckoutSaga.MAX_ATTEMPTS + " attempts")))));
    }

    @Test
    void aRefusalIsNotRetried() {
        gateway.failing(1, false);
        fixture.givenNoPriorActivity()
                .whenAggregate(SUBSCRIPTION).publishes(requested(null))
                .expectDispatchedCommandsMatching(exactSequenceOf(messageWithPayload(predicate(failedWith(
                        "Stripe refused the checkout")))))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aSessionNobodyPaidIsExpiredWhenStripeExpiresIt() {
        fixture.givenAggregate(SUBSCRIPTION).published(requested(null))
                .whenTimeAdvancesTo(gateway.sessionExpires)
                .expectTriggeredDeadlinesWithName(CheckoutSaga.EXPIRY_DEADLINE)
                .expectDispatchedCommands(new ExpireCheckoutCommand(SUBSCRIPTION, ORG, CHECKOUT));
    }

    @Test
    void aCompletedCheckoutEndsTheSagaAndItsDeadlines() {
        fixture.givenAggregate(SUBSCRIPTION).published(requested(null))
                .whenAggregate(SUBSCRIPTION).publishes(new CheckoutCompletedEvent(SUBSCRIPTION, ORG, CHECKOUT,
                        "sub_stripe", "evt_1"))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    private static Predicate<Object> failedWith(String reasonStart) {
        return payload -> payload instanceof FailCheckoutCommand failed
                && failed.checkoutId().equals(CHECKOUT) && failed.reason().startsWith(reasonStart);
    }
}
