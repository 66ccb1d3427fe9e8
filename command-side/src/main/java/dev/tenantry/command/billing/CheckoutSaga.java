package dev.tenantry.command.billing;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantry.api.billing.CheckoutCompletedEvent;
import dev.tenantry.api.billing.CheckoutExpiredEvent;
import dev.tenantry.api.billing.CheckoutFailedEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.ExpireCheckoutCommand;
import dev.tenantry.api.billing.FailCheckoutCommand;
import dev.tenantry.api.billing.RecordCheckoutSessionCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;

import java.time.Duration;

/**
 * One checkout: creates (or reuses) the Stripe customer and a Checkout Session, retrying Stripe failures that may
 * pass with a growing wait, records the session's URL on the subscription, and closes the checkout when its
 * session expires unused. Idempotency keys come from the checkout id, so a retried call never makes a second
 * customer or session.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class CheckoutSaga {

    static final String ASSOCIATION = "checkoutId";
    static final String RETRY_DEADLINE = "checkout-retry";
    static final String EXPIRY_DEADLINE = "checkout-expiry";
    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(2);

    private String subscriptionId;
    private String organizationId;
    private String checkoutId;
    private String priceId;
    private String customerId;
    private int attempts;
    private String retryDeadlineId;
    private String expiryDeadlineId;

    @StartSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(CheckoutRequestedEvent event, BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        subscriptionId = event.subscriptionId();
        organizationId = event.organizationId();
        checkoutId = event.checkoutId();
        priceId = event.priceId();
        customerId = event.stripeCustomerId();
        createSession(gateway, commands, deadlines);
    }

    /** Deadline payloads; a deadline handler's first parameter is its payload, so resources can follow it. */
    record RetryCheckout(String checkoutId) {
    }

    record SessionExpiry(String checkoutId, String sessionId) {
    }

    @DeadlineHandler(deadlineName = RETRY_DEADLINE)
    void retry(RetryCheckout deadline, BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        retryDeadlineId = null;
        createSession(gateway, commands, deadlines);
    }

    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void sessionExpired(SessionExpiry deadline, CommandGateway commands) {
        expiryDeadlineId = null;
        commands.send(new ExpireCheckoutCommand(subscriptionId, organizationId, checkoutId));
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(CheckoutCompletedEvent event, DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(CheckoutFailedEvent event, DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = ASSOCIATION)
    void on(CheckoutExpiredEvent event, DeadlineManager deadlines) {
        cancelDeadlines(deadlines);
    }

    private void createSession(BillingGateway gateway, CommandGateway commands, DeadlineManager deadlines) {
        attempts++;
        try {
            customerId = gateway.ensureCustomer(organizationId, customerId, "customer-" + checkoutId);
            BillingGateway.CheckoutSession session = gateway.createCheckoutSession(customerId, priceId,
                    organizationId, "checkout-" + checkoutId);
            expiryDeadlineId = deadlines.schedule(session.expiresAt(), EXPIRY_DEADLINE,
                    new SessionExpiry(checkoutId, session.id()));
            commands.send(new RecordCheckoutSessionCommand(subscriptionId, organizationId, checkoutId, customerId,
                    session.id(), session.url(), session.expiresAt()));
        } catch (BillingGatewayException e) {
            if (e.isRetryable() && attempts < MAX_ATTEMPTS) {
                retryDeadlineId = deadlines.schedule(FIRST_RETRY_DELAY.multipliedBy(1L << (attempts - 1)),
                        RETRY_DEADLINE, new RetryCheckout(checkoutId));
            } else {
                commands.send(new FailCheckoutCommand(subscriptionId, organizationId, checkoutId,
                        (e.isRetryable() ? "Stripe could not be reached after " + attempts + " attempts: "
                                : "Stripe refused the checkout: ") + e.getMessage()));
            }
        }
    }

    private void cancelDeadlines(DeadlineManager deadlines) {
        if (retryDeadlineId != null) {
            deadlines.cancelSchedule(RETRY_DEADLINE, retryDeadlineId);
        }
        if (expiryDeadlineId != null) {
            deadlines.cancelSchedule(EXPIRY_DEADLINE, expiryDeadlineId);
        }
    }
}
