package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.CheckoutSessionCreatedEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.command.CommandLookups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Learns customer-to-organization pairs from the subscription's own events (the checkout saga's customer, a
 * subscription Stripe reported), in the same transaction as those events, so that an invoice event that does not
 * name its organization can still be placed.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class StripeCustomerRecorder {

    private final StripeCustomers customers;

    StripeCustomerRecorder(StripeCustomers customers) {
        this.customers = customers;
    }

    @EventHandler
    void on(CheckoutSessionCreatedEvent event) {
        customers.record(event.stripeCustomerId(), event.organizationId());
    }

    @EventHandler
    void on(SubscriptionActivatedEvent event) {
        customers.record(event.stripeCustomerId(), event.organizationId());
    }
}
