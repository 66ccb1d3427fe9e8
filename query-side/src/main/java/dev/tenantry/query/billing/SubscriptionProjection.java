package dev.tenantry.query.billing;

import dev.tenantry.api.billing.BillingAccount;
import dev.tenantry.api.billing.CheckoutCompletedEvent;
import dev.tenantry.api.billing.CheckoutExpiredEvent;
import dev.tenantry.api.billing.CheckoutFailedEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.CheckoutSessionCreatedEvent;
import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.FindBillingAccountsQuery;
import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionCancellationScheduledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionRenewedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatusChangedEvent;
import dev.tenantry.api.billing.SubscriptionView;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Every handler sets state from its event alone, so a redelivered or replayed event changes nothing. */
@Component
@ProcessingGroup(SubscriptionProjection.PROCESSING_GROUP)
class SubscriptionProjection {

    static final String PROCESSING_GROUP = "subscriptions";

    private final SubscriptionRowRepository subscriptions;

    SubscriptionProjection(SubscriptionRowRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** A rebuild starts from an empty table; every handler below then sets rows from their events alone. */
    @ResetHandler
    void reset() {
        subscriptions.deleteAllInBatch();
    }

    @EventHandler
    void on(SubscriptionStartedEvent event, @Timestamp Instant at) {
        subscriptions.save(new SubscriptionRow(event.organizationId(), event.subscriptionId(), event.plan(),
                event.status(), at));
    }

    @EventHandler
    void on(CheckoutRequestedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.checkoutRequested(event.checkoutId(), event.plan(), at));
    }

    @EventHandler
    void on(CheckoutSessionCreatedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.checkoutOpened(event.checkoutId(), event.stripeCustomerId(),
                event.url(), event.expiresAt(), at));
    }

    @EventHandler
    void on(CheckoutFailedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.checkoutEnded(event.checkoutId(), CheckoutStatus.FAILED,
                event.reason(), at));
    }

    @EventHandler
    void on(CheckoutExpiredEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.checkoutEnded(event.checkoutId(), CheckoutStatus.EXPIRED, null, at));
    }

    @EventHandler
    void on(CheckoutCompletedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.checkoutEnded(event.checkoutId(), CheckoutStatus.COMPLETED, null,
                at));
    }

    @EventHandler
    void on(SubscriptionActivatedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.activated(event.plan(), event.status(),
                event.stripeCustomerId(), event.stripeSubscriptionId(), event.currentPeriodEnd(), at));
    }

    @EventHandler
    void on(SubscriptionPlanChangedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.planChanged(event.plan(), at));
    }

    @EventHandler
    void on(SubscriptionStatusChangedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.statusChanged(event.status(), at));
    }

    @EventHandler
    void on(SubscriptionRenewedEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.renewed(event.currentPeriodEnd(), at));
    }

    @EventHandler
    void on(SubscriptionCancellationScheduledEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.cancellationScheduled(event.cancelAtPeriodEnd(), at));
    }

    @EventHandler
    void on(SubscriptionCanceledEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.canceled(event.freePlan(), at));
    }

    @EventHandler
    void on(SubscriptionPastDueEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.pastDue(event.graceEndsAt(), at));
    }

    @EventHandler
    void on(GracePeriodExpiredEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.fellBack(true, at));
    }

    @EventHandler
    void on(PaidPlanRestoredEvent event, @Timestamp Instant at) {
        update(event.organizationId(), row -> row.fellBack(false, at));
    }

    @QueryHandler
    Optional<SubscriptionView> handle(FindSubscriptionQuery query) {
        return subscriptions.findById(query.organizationId()).map(SubscriptionRow::toView);
    }

    @QueryHandler
    List<BillingAccount> handle(FindBillingAccountsQuery query) {
        List<SubscriptionRow> rows = query.organizationId() == null
                ? subscriptions.findByStripeCustomerIdIsNotNullOrderByTenantId()
                : subscriptions.findById(query.organizationId()).stream().toList();
        return rows.stream().filter(row -> row.stripeCustomerId() != null)
                .map(row -> new BillingAccount(row.tenantId(), row.stripeCustomerId())).toList();
    }

    private void update(String organizationId, Consumer<SubscriptionRow> change) {
        subscriptions.findById(organizationId).ifPresent(change);
    }
}
