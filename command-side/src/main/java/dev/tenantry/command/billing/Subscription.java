package dev.tenantry.command.billing;

import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An organization's subscription: its plan and, once it pays, the state of its Stripe subscription. One per
 * organization (id from {@link dev.tenantry.api.billing.SubscriptionIds}), started with the organization.
 */
@Aggregate
public class Subscription {

    @AggregateIdentifier
    private String subscriptionId;
    private String organizationId;
    private String plan;
    private SubscriptionStatus status;

    protected Subscription() {
        // for Axon
    }

    /** Called while the organization is created. */
    public Subscription(String subscriptionId, String organizationId, String plan) {
        apply(new SubscriptionStartedEvent(subscriptionId, organizationId, plan, SubscriptionStatus.FREE));
    }

    @EventSourcingHandler
    void on(SubscriptionStartedEvent event) {
        subscriptionId = event.subscriptionId();
        organizationId = event.organizationId();
        plan = event.plan();
        status = event.status();
    }
}
