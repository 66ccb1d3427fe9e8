package dev.tenantry.command.billing;

import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.CancelSubscriptionForClosureCommand;
import dev.tenantry.api.billing.SubscriptionClosureCancellationRequestedEvent;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Closing an organization cancels its Stripe subscription, so a closed tenant is never billed again. A reaction
 * with a side effect at Stripe: never replayed. A Stripe failure that may pass is thrown, so the processor retries
 * it; a refusal is logged for an operator (the admin reconciliation re-reads the subscription afterwards).
 */
@Component
@ProcessingGroup(ClosureCancellationPolicy.PROCESSING_GROUP)
class ClosureCancellationPolicy {

    /** "policy-" groups react with side effects; read-your-writes does not wait for them. */
    static final String PROCESSING_GROUP = "policy-billing-closure";
    private static final Logger log = LoggerFactory.getLogger(ClosureCancellationPolicy.class);

    private final CommandGateway commands;
    private final BillingGateway gateway;

    ClosureCancellationPolicy(CommandGateway commands, BillingGateway gateway) {
        this.commands = commands;
        this.gateway = gateway;
    }

    @EventHandler
    @DisallowReplay
    void on(OrganizationClosedEvent event) {
        String organizationId = event.organizationId();
        try {
            commands.sendAndWait(new CancelSubscriptionForClosureCommand(SubscriptionIds.of(organizationId),
                    organizationId));
        } catch (AggregateNotFoundException noSubscription) {
            // An organization from before subscriptions existed has nothing to cancel; stalling would block all.
            log.info("Closed organization {} has no subscription to cancel", organizationId);
        }
    }

    @EventHandler
    @DisallowReplay
    void on(SubscriptionClosureCancellationRequestedEvent event) {
        try {
            commands.sendAndWait(new ApplyStripeSubscriptionCommand(event.subscriptionId(), event.organizationId(),
                    null, gateway.cancelNow(event.stripeSubscriptionId(), "close-" + event.organizationId())));
        } catch (BillingGatewayException e) {
            if (e.isRetryable()) {
                throw e;
            }
            log.error("Could not cancel Stripe subscription {} of closed organization {}: {}",
                    event.stripeSubscriptionId(), event.organizationId(), e.getMessage());
        }
    }
}
