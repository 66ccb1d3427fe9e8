package dev.tenantry.query.billing;

import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

@Entity
@Table(name = "subscription_view")
public class SubscriptionRow {

    @Id
    private String tenantId;
    private String subscriptionId;
    private String plan;
    @Enumerated(EnumType.STRING)
    private SubscriptionStatus status;
    private String stripeCustomerId;
    private String stripeSubscriptionId;
    private Instant currentPeriodEnd;
    private boolean cancelAtPeriodEnd;
    private Instant graceEndsAt;
    private boolean fellBackToFree;
    @Enumerated(EnumType.STRING)
    private SubscriptionStatus statusBeforeCheckout;
    private String checkoutId;
    private String checkoutPlan;
    @Enumerated(EnumType.STRING)
    private CheckoutStatus checkoutStatus;
    private String checkoutUrl;
    private Instant checkoutExpiresAt;
    private String checkoutFailure;
    private Instant startedAt;
    private Instant updatedAt;

    protected SubscriptionRow() {
    }

    SubscriptionRow(String tenantId, String subscriptionId, String plan, SubscriptionStatus status, Instant at) {
        this.tenantId = tenantId;
        this.subscriptionId = subscriptionId;
        this.plan = plan;
        this.status = status;
        this.startedAt = at;
        this.updatedAt = at;
    }

    void checkoutRequested(String id, String checkoutPlan, Instant at) {
        if (status != SubscriptionStatus.CHECKOUT_PENDING) {
            statusBeforeCheckout = status;
        }
        status = SubscriptionStatus.CHECKOUT_PENDING;
        checkoutId = id;
        this.checkoutPlan = checkoutPlan;
        checkoutStatus = CheckoutStatus.PENDING;
        checkoutUrl = null;
        checkoutExpiresAt = null;
        checkoutFailure = null;
        updatedAt = at;
    }

    void checkoutOpened(String id, String customerId, String url, Instant expiresAt, Instant at) {
        stripeCustomerId = customerId;
        if (id.equals(checkoutId)) {
            checkoutStatus = CheckoutStatus.OPEN;
            checkoutUrl = url;
            checkoutExpiresAt = expiresAt;
            updatedAt = at;
        }
    }

    /** The checkout ended; the subscription is back where it was, unless activation follows. */
    void checkoutEnded(String id, CheckoutStatus end, String failure, Instant at) {
        if (id.equals(checkoutId)) {
            checkoutStatus = end;
            checkoutFailure = failure;
            if (status == SubscriptionStatus.CHECKOUT_PENDING && statusBeforeCheckout != null) {
                status = statusBeforeCheckout;
            }
            updatedAt = at;
        }
    }

    void activated(String newPlan, SubscriptionStatus newStatus, String customerId, String subscriptionId,
                   Instant periodEnd, Instant at) {
        plan = newPlan;
        stripeCustomerId = customerId;
        stripeSubscriptionId = subscriptionId;
        status = newStatus;
        currentPeriodEnd = periodEnd;
        cancelAtPeriodEnd = false;
        fellBackToFree = false;
        graceEndsAt = null;
        updatedAt = at;
    }

    void planChanged(String newPlan, Instant at) {
        plan = newPlan;
        updatedAt = at;
    }

    void statusChanged(SubscriptionStatus newStatus, Instant at) {
        status = newStatus;
        if (newStatus == SubscriptionStatus.ACTIVE) {
            graceEndsAt = null;
        }
        updatedAt = at;
    }

    void renewed(Instant periodEnd, Instant at) {
        currentPeriodEnd = periodEnd;
        updatedAt = at;
    }

    void cancellationScheduled(boolean cancel, Instant at) {
        cancelAtPeriodEnd = cancel;
        updatedAt = at;
    }

    void canceled(String freePlan, Instant at) {
        plan = freePlan;
        stripeSubscriptionId = null;
        status = SubscriptionStatus.CANCELED;
        currentPeriodEnd = null;
        cancelAtPeriodEnd = false;
        fellBackToFree = false;
        graceEndsAt = null;
        updatedAt = at;
    }

    void pastDue(Instant graceEnds, Instant at) {
        status = SubscriptionStatus.PAST_DUE;
        graceEndsAt = graceEnds;
        updatedAt = at;
    }

    void fellBack(boolean fellBack, Instant at) {
        fellBackToFree = fellBack;
        updatedAt = at;
    }

    String tenantId() {
        return tenantId;
    }

    String stripeCustomerId() {
        return stripeCustomerId;
    }

    SubscriptionView toView() {
        SubscriptionView.Checkout checkout = checkoutId == null ? null : new SubscriptionView.Checkout(checkoutId,
                checkoutPlan, checkoutStatus, checkoutUrl, checkoutExpiresAt, checkoutFailure);
        return new SubscriptionView(tenantId, plan, status, stripeCustomerId, stripeSubscriptionId, currentPeriodEnd, cancelAtPeriodEnd, graceEndsAt,
                fellBackToFree, checkout, startedAt, updatedAt);
    }
}
