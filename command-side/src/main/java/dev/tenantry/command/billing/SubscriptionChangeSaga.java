package dev.tenantry.command.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantry.api.billing.CompleteSubscriptionChangeCommand;
import dev.tenantry.api.billing.FailSubscriptionChangeCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionChange;
import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeFailedEvent;
import dev.tenantry.api.billing.SubscriptionChangeRequestedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * One change an owner asked for (plan, cancel at period end, resume): makes it at Stripe with the request's
 * idempotency key, retrying a failure that may pass with a growing wait like {@link CheckoutSaga}, and records the
 * outcome on the subscription: Stripe's answer applied, or the change failed. Fewer and shorter retries than a
 * checkout's, because a person waits for the answer (the REST call waits for the outcome, then answers 202).
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class SubscriptionChangeSaga {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionChangeSaga.class);

    static final String ASSOCIATION = "changeId";
    static final String RETRY_DEADLINE = "subscription-change-retry";
    static final int MAX_ATTEMPTS = 2;
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(1);

    private String subscriptionId;
    private String organizationId;
    private String changeId;
    private SubscriptionChange change;
    private String stripeSubscriptionId;
    private String priceId;
    private String idempotencyKey;
    private int attempts;
    private String retryDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(SubscriptionChangeRequestedEvent event, BillingGateway gateway, CommandGateway commands,
            DeadlineManager deadlines) {
        subscriptionId = event.subscriptionId();
        organizationId = event.organizationId();
        changeId = event.changeId();
        change = event.change();
        stripeSubscriptionId = event.stripeSubscriptionId();
        priceId = event.priceId();
        idempotencyKey = event.idempotencyKey();
        attempt(gateway, commands, deadlines);
    }

    /** The retry deadline's payload; a deadline handler's first parameter is its payload, so resources can follow. */
    record RetryChange(String changeId) {
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(RetryChange deadline, BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        retryDeadlineId = null;
        attempt(gateway, commands, deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(SubscriptionChangeCompletedEvent event, DeadlineManager deadlines) {
        cancelRetry(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(SubscriptionChangeFailedEvent event, DeadlineManager deadlines) {
        cancelRetry(deadlines);
    }

    private void attempt(BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        attempts++;
        StripeSubscriptionSnapshot answer;
        try {
            answer = switch (change) {
                case CHANGE_PLAN -> gateway.changePrice(stripeSubscriptionId, priceId, idempotencyKey);
                case CANCEL_AT_PERIOD_END -> gateway.setCancelAtPeriodEnd(stripeSubscriptionId, true, idempotencyKey);
                case RESUME -> gateway.setCancelAtPeriodEnd(stripeSubscriptionId, false, idempotencyKey);
            };
        } catch (BillingGatewayException e) {
            if (e.isRetryable() && attempts < MAX_ATTEMPTS) {
                retryDeadlineId = deadlines.schedule(FIRST_RETRY_DELAY.multipliedBy(1L << (attempts - 1)),
                        RETRY_DEADLINE, new RetryChange(changeId));
                return;
            }
            // Stripe's message names its objects and our account: the log keeps it, the event has our words.
            log.warn("Stripe did not make change {} ({}) of subscription {} after {} attempts: {}", changeId, change,
                    stripeSubscriptionId, attempts, e.getMessage());
            commands.send(new FailSubscriptionChangeCommand(subscriptionId, organizationId, changeId, change,
                    e.isRetryable() ? "Stripe could not be reached after " + attempts + " attempts"
                            : "Stripe refused the change", e.isRetryable()));
            return;
        }
        commands.send(new CompleteSubscriptionChangeCommand(subscriptionId, organizationId, changeId, change, answer));
    }

    private void cancelRetry(DeadlineManager deadlines) {
        if (retryDeadlineId != null) {
            deadlines.cancelSchedule(RETRY_DEADLINE, retryDeadlineId);
        }
    }
}
