package dev.tenantry.command.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.StripeEventReceivedEvent;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Turns one Stripe event into the subscription's current state. Stripe delivers events late, twice and out of
 * order, so the event's own payload is only a fallback: the saga fetches the subscription from Stripe and applies
 * that, observed at the time of the fetch. When the fetch fails (Stripe unreachable, billing not configured, or
 * any other failure) or Stripe no longer knows the subscription, it applies the payload, observed at the event's
 * {@code created}; the aggregate ignores it if it has applied something newer. A failure that may pass is retried
 * a few times with a growing wait, the payload standing in meanwhile.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ReconciliationSaga {

    private static final Logger log = LoggerFactory.getLogger(ReconciliationSaga.class);

    static final String ASSOCIATION = "stripeEventId";
    static final String RETRY_DEADLINE = "reconciliation-retry";
    static final int MAX_ATTEMPTS = 3;
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(10);

    private String subscriptionId;
    private String organizationId;
    private String stripeEventId;
    private String stripeSubscriptionId;
    private StripeSubscriptionSnapshot payloadSnapshot;
    private boolean payloadApplied;
    private int attempts;
    private String retryDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(StripeEventReceivedEvent event, BillingGateway gateway, CommandGateway commands,
            DeadlineManager deadlines) {
        subscriptionId = event.subscriptionId();
        organizationId = event.organizationId();
        stripeEventId = event.stripeEventId();
        stripeSubscriptionId = event.stripeSubscriptionId();
        payloadSnapshot = event.payloadSnapshot();
        if (stripeSubscriptionId == null) {
            applyPayload(commands);
            finish(deadlines);
            return;
        }
        reconcile(gateway, commands, deadlines);
    }

    /** The retry deadline's payload; a deadline handler's first parameter is its payload, so resources can follow. */
    record RetryFetch(String stripeEventId) {
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(RetryFetch deadline, BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        retryDeadlineId = null;
        reconcile(gateway, commands, deadlines);
    }

    private void reconcile(BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        attempts++;
        // Taken before the call: Stripe's answer is at least as new as the moment it was asked.
        Instant fetchedAt = GenericEventMessage.clock.instant();
        Optional<StripeSubscriptionSnapshot> current;
        try {
            current = gateway.fetchSubscription(stripeSubscriptionId);
        } catch (BillingGatewayException e) {
            applyPayload(commands);
            if (e.isRetryable() && attempts < MAX_ATTEMPTS) {
                retryDeadlineId = deadlines.schedule(FIRST_RETRY_DELAY.multipliedBy(1L << (attempts - 1)),
                        RETRY_DEADLINE, new RetryFetch(stripeEventId));
                return;
            }
            log.warn("Stripe subscription {} could not be fetched for event {} ({} attempts): {}",
                    stripeSubscriptionId, stripeEventId, attempts, e.getMessage());
            finish(deadlines);
            return;
        } catch (RuntimeException e) {
            // Whatever went wrong in the adapter, the event's own statement still counts.
            log.warn("Fetching Stripe subscription {} for event {} failed", stripeSubscriptionId, stripeEventId, e);
            applyPayload(commands);
            finish(deadlines);
            return;
        }
        if (current.isPresent()) {
            commands.send(new ApplyStripeSubscriptionCommand(subscriptionId, organizationId, stripeEventId,
                    current.get().withObservedAt(fetchedAt)));
        } else {
            applyPayload(commands);
        }
        finish(deadlines);
    }

    private void finish(DeadlineManager deadlines) {
        if (retryDeadlineId != null) {
            deadlines.cancelSchedule(RETRY_DEADLINE, retryDeadlineId);
            retryDeadlineId = null;
        }
        SagaLifecycle.end();
    }

    private void applyPayload(CommandGateway commands) {
        if (payloadSnapshot != null && !payloadApplied) {
            payloadApplied = true;
            commands.send(new ApplyStripeSubscriptionCommand(subscriptionId, organizationId, stripeEventId,
                    payloadSnapshot));
        }
    }
}
