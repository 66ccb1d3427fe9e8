package dev.tenantry.command.billing;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.CancelAtPeriodEndCommand;
import dev.tenantry.api.billing.CancelSubscriptionForClosureCommand;
import dev.tenantry.api.billing.ChangePlanCommand;
import dev.tenantry.api.billing.CheckoutCompletedEvent;
import dev.tenantry.api.billing.CheckoutExpiredEvent;
import dev.tenantry.api.billing.CheckoutFailedEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.CheckoutSessionCreatedEvent;
import dev.tenantry.api.billing.CompleteSubscriptionChangeCommand;
import dev.tenantry.api.billing.ExpireCheckoutCommand;
import dev.tenantry.api.billing.FailSubscriptionChangeCommand;
import dev.tenantry.api.billing.FailCheckoutCommand;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.OpenBillingPortalCommand;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.PaymentActionRequiredEvent;
import dev.tenantry.api.billing.PaymentFailedEvent;
import dev.tenantry.api.billing.PaymentSucceededEvent;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.RecordCheckoutSessionCommand;
import dev.tenantry.api.billing.RecordInvoiceEventCommand;
import dev.tenantry.api.billing.RecordStripeEventCommand;
import dev.tenantry.api.billing.RecordTrialWillEndCommand;
import dev.tenantry.api.billing.RecordWorkspaceLimitCommand;
import dev.tenantry.api.billing.RequestCheckoutCommand;
import dev.tenantry.api.billing.ResumeSubscriptionCommand;
import dev.tenantry.api.billing.StripeEventReceivedEvent;
import dev.tenantry.api.billing.StripeStateObservedEvent;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionChange;
import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeFailedEvent;
import dev.tenantry.api.billing.SubscriptionChangeRequestedEvent;
import dev.tenantry.api.billing.SubscriptionClosureCancellationRequestedEvent;
import dev.tenantry.api.billing.SubscriptionCancellationScheduledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionRenewedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionStatusChangedEvent;
import dev.tenantry.api.billing.TrialEndingEvent;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.command.membership.MemberRoster;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import dev.tenantry.command.LongLivedAggregates;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An organization's subscription: its plan and, once it pays, the state of its Stripe subscription. One per
 * organization (id from {@link dev.tenantry.api.billing.SubscriptionIds}), started with the organization.
 * <p>
 * Stripe is the source of truth for what was paid; this aggregate turns what Stripe says (snapshots, invoices)
 * into events, ignoring anything older than what it has already applied, since webhooks arrive in any order.
 */
@Aggregate(snapshotTriggerDefinition = LongLivedAggregates.SNAPSHOT_TRIGGER, cache = LongLivedAggregates.CACHE,
        lockFactory = LongLivedAggregates.LOCKS)
@LongLivedAggregates.SnapshotOfFields
public class Subscription {

    static final String GRACE_DEADLINE = "subscription-grace-period";
    /** States in which a Stripe subscription exists and the organization is on its paid plan. */
    private static final Set<SubscriptionStatus> PAYING = EnumSet.of(SubscriptionStatus.TRIALING,
            SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID);

    @AggregateIdentifier
    private String subscriptionId;
    private String organizationId;
    /** The plan the organization is on: the free plan unless it pays. */
    private String plan;
    private SubscriptionStatus status;
    private String stripeCustomerId;
    private String stripeSubscriptionId;
    private Instant currentPeriodEnd;
    private boolean cancelAtPeriodEnd;
    /** When Stripe stated the newest state applied: older statements are stale. */
    private Instant lastObservedAt;
    private String pendingCheckoutId;
    /** The pending checkout's Stripe session, once recorded. */
    private String pendingCheckoutSessionId;
    private SubscriptionStatus statusBeforeCheckout;
    /** Unpaid past the grace period: the free plan's limits apply although the paid plan is still {@link #plan}. */
    private boolean fellBackToFree;
    /**
     * This subscription has emitted a workspace limit. Subscriptions from before workspaces had not; one of an
     * organization created with workspaces has not either until its limits change (the organization recorded it).
     */
    private boolean workspaceLimitRecorded;

    protected Subscription() {
        // for Axon
    }

    /** Called while the organization is created. */
    public Subscription(String subscriptionId, String organizationId, String plan) {
        apply(new SubscriptionStartedEvent(subscriptionId, organizationId, plan, SubscriptionStatus.FREE));
    }

    @CommandHandler
    public void handle(RequestCheckoutCommand command, MemberRoster roster, Plans plans) {
        requireOwner(roster, command.actorId());
        Plan target = plans.find(command.plan()).orElseThrow(() -> DomainException.invalid("unknown-plan", "plan",
                "There is no plan '" + command.plan() + "'"));
        if (target.isFree() || target.stripePriceId() == null) {
            throw DomainException.invalid("plan-not-purchasable", "plan", "The plan '" + target.key()
                    + "' is not bought through checkout");
        }
        if (PAYING.contains(status)) {
            throw DomainException.conflict("subscription-active",
                    "The organization already pays for a subscription: change its plan instead");
        }
        if (pendingCheckoutId != null) {
            // A newer request replaces an unfinished one; its session may still be paid, which webhooks reconcile.
            apply(new CheckoutExpiredEvent(subscriptionId, organizationId, pendingCheckoutId));
        }
        apply(new CheckoutRequestedEvent(subscriptionId, organizationId, command.checkoutId(), target.key(),
                target.stripePriceId(), stripeCustomerId));
    }

    @CommandHandler
    public void handle(RecordCheckoutSessionCommand command) {
        // The checkout saga asks again for the same session when it runs a step a second time (its deadline rerun
        // on a live node after the node that ran it died before deleting it): one session, recorded once.
        if (command.checkoutId().equals(pendingCheckoutId) && !command.sessionId().equals(pendingCheckoutSessionId)) {
            apply(new CheckoutSessionCreatedEvent(subscriptionId, organizationId, command.checkoutId(),
                    command.stripeCustomerId(), command.sessionId(), command.url(), command.expiresAt()));
        }
    }

    @CommandHandler
    public void handle(FailCheckoutCommand command) {
        if (command.checkoutId().equals(pendingCheckoutId)) {
            apply(new CheckoutFailedEvent(subscriptionId, organizationId, command.checkoutId(), command.reason()));
        }
    }

    @CommandHandler
    public void handle(ExpireCheckoutCommand command) {
        if (command.checkoutId().equals(pendingCheckoutId)) {
            apply(new CheckoutExpiredEvent(subscriptionId, organizationId, command.checkoutId()));
        }
    }

    /** Changes nothing by itself: {@link ReconciliationSaga} follows it with Stripe's current state. */
    @CommandHandler
    public void handle(RecordStripeEventCommand command) {
        apply(new StripeEventReceivedEvent(subscriptionId, organizationId, command.stripeEventId(), command.type(),
                command.stripeSubscriptionId(), command.payloadSnapshot()));
    }

    @CommandHandler
    public void handle(ApplyStripeSubscriptionCommand command, Plans plans, BillingPolicy policy,
                       DeadlineManager deadlines) {
        StripeSubscriptionSnapshot snapshot = command.snapshot();
        if (lastObservedAt != null && !snapshot.observedAt().isAfter(lastObservedAt)) {
            return; // stale or repeated: a newer statement has been applied already
        }
        applySnapshot(command.stripeEventId(), snapshot, plans, policy, deadlines);
        observed(command.stripeEventId(), snapshot);
    }

    private void observed(String eventId, StripeSubscriptionSnapshot snapshot) {
        if (PAYING.contains(status) && (lastObservedAt == null || lastObservedAt.isBefore(snapshot.observedAt()))) {
            // Nothing applied before recorded the statement's time; without it an older one arriving later would
            // count as news. (Before anything is paid, no statement is recorded: an older one may still start it.)
            apply(new StripeStateObservedEvent(subscriptionId, organizationId, eventId, snapshot.observedAt()));
        }
    }

    private void applySnapshot(String eventId, StripeSubscriptionSnapshot snapshot, Plans plans,
                               BillingPolicy policy, DeadlineManager deadlines) {
        // No status: a saga stored before snapshots carried ours; like Stripe's "incomplete", it starts nothing.
        SubscriptionStatus next = snapshot.status() != null ? snapshot.status() : SubscriptionStatus.CHECKOUT_PENDING;
        Plan snapshotPlan = plans.findByStripePrice(snapshot.priceId()).orElse(null);
        String nextPlan = snapshotPlan != null ? snapshotPlan.key() : plan;
        if (pendingCheckoutId != null && (PAYING.contains(next) || next == SubscriptionStatus.CHECKOUT_PENDING)) {
            apply(new CheckoutCompletedEvent(subscriptionId, organizationId, pendingCheckoutId,
                    snapshot.stripeSubscriptionId(), eventId));
        }
        boolean paying = PAYING.contains(status);
        if (!paying && PAYING.contains(next)) {
            // First seen already in dunning (its earlier states never reached us): it started all the same.
            SubscriptionStatus started = next == SubscriptionStatus.TRIALING ? next : SubscriptionStatus.ACTIVE;
            apply(new SubscriptionActivatedEvent(subscriptionId, organizationId, eventId, nextPlan, started,
                    snapshot.stripeSubscriptionId(), snapshot.stripeCustomerId(), snapshot.currentPeriodEnd(),
                    snapshot.observedAt()));
            limitsChanged(plans);
            if (next == SubscriptionStatus.PAST_DUE) {
                startGracePeriod(eventId, policy, deadlines);
            } else if (next == SubscriptionStatus.UNPAID) {
                apply(new SubscriptionStatusChangedEvent(subscriptionId, organizationId, eventId, started, next,
                        snapshot.observedAt()));
            }
            return;
        }
        if (paying && next == SubscriptionStatus.CANCELED) {
            deadlines.cancelAllWithinScope(GRACE_DEADLINE);
            apply(new SubscriptionCanceledEvent(subscriptionId, organizationId, eventId, plans.defaultPlan().key(),
                    snapshot.observedAt()));
            limitsChanged(plans);
            return;
        }
        if (!paying) {
            return; // nothing paid yet, and nothing that starts paying: an abandoned or incomplete subscription
        }
        if (!nextPlan.equals(plan)) {
            apply(new SubscriptionPlanChangedEvent(subscriptionId, organizationId, eventId, plan, nextPlan,
                    snapshot.observedAt()));
            if (!fellBackToFree) { // else the free plan's limits stay until a payment restores the paid plan
                limitsChanged(plans);
            }
        }
        if (next == SubscriptionStatus.PAST_DUE && status != SubscriptionStatus.PAST_DUE) {
            startGracePeriod(eventId, policy, deadlines);
        } else if (next != status && PAYING.contains(next)) {
            apply(new SubscriptionStatusChangedEvent(subscriptionId, organizationId, eventId, status, next,
                    snapshot.observedAt()));
        }
        if (snapshot.currentPeriodEnd() != null
                && (currentPeriodEnd == null || snapshot.currentPeriodEnd().isAfter(currentPeriodEnd))) {
            apply(new SubscriptionRenewedEvent(subscriptionId, organizationId, eventId, snapshot.currentPeriodEnd(),
                    snapshot.observedAt()));
        }
        if (snapshot.cancelAtPeriodEnd() != cancelAtPeriodEnd) {
            apply(new SubscriptionCancellationScheduledEvent(subscriptionId, organizationId, eventId,
                    snapshot.cancelAtPeriodEnd(), snapshot.observedAt()));
        }
    }

    // Changes the owner asks for. The rules are decided here; SubscriptionChangeSaga asks Stripe, and what Stripe
    // answers is applied like a webhook's state, so the two paths cannot disagree.

    @CommandHandler
    public void handle(ChangePlanCommand command, MemberRoster roster, Plans plans) {
        requireOwner(roster, command.actorId());
        requirePaying();
        Plan target = plans.find(command.plan()).orElseThrow(() -> DomainException.invalid("unknown-plan", "plan",
                "There is no plan '" + command.plan() + "'"));
        if (target.isFree() || target.stripePriceId() == null) {
            throw DomainException.invalid("plan-not-purchasable", "plan",
                    "The plan '" + target.key() + "' is not a paid plan: cancel the subscription to go back to it");
        }
        if (target.key().equals(plan)) {
            throw DomainException.conflict("plan-unchanged", "plan", "The organization is on " + target.key() + " already");
        }
        apply(new SubscriptionChangeRequestedEvent(subscriptionId, organizationId, command.changeId(),
                SubscriptionChange.CHANGE_PLAN, stripeSubscriptionId, target.key(), target.stripePriceId(),
                command.idempotencyKey()));
    }

    @CommandHandler
    public void handle(CancelAtPeriodEndCommand command, MemberRoster roster) {
        requireOwner(roster, command.actorId());
        requirePaying();
        if (cancelAtPeriodEnd) {
            throw DomainException.conflict("already-canceling", "The subscription already ends with its period");
        }
        apply(new SubscriptionChangeRequestedEvent(subscriptionId, organizationId, command.changeId(),
                SubscriptionChange.CANCEL_AT_PERIOD_END, stripeSubscriptionId, null, null, command.idempotencyKey()));
    }

    @CommandHandler
    public void handle(ResumeSubscriptionCommand command, MemberRoster roster) {
        requireOwner(roster, command.actorId());
        requirePaying();
        if (!cancelAtPeriodEnd) {
            throw DomainException.conflict("not-canceling", "The subscription is not set to end");
        }
        apply(new SubscriptionChangeRequestedEvent(subscriptionId, organizationId, command.changeId(),
                SubscriptionChange.RESUME, stripeSubscriptionId, null, null, command.idempotencyKey()));
    }

    @CommandHandler
    public void handle(CompleteSubscriptionChangeCommand command, Plans plans, BillingPolicy policy,
                       DeadlineManager deadlines) {
        StripeSubscriptionSnapshot snapshot = command.snapshot();
        if (lastObservedAt == null || snapshot.observedAt().isAfter(lastObservedAt)) {
            applySnapshot(null, snapshot, plans, policy, deadlines);
            observed(null, snapshot);
        }
        apply(new SubscriptionChangeCompletedEvent(subscriptionId, organizationId, command.changeId(),
                command.change()));
    }

    @CommandHandler
    public void handle(FailSubscriptionChangeCommand command) {
        apply(new SubscriptionChangeFailedEvent(subscriptionId, organizationId, command.changeId(), command.change(),
                command.reason(), command.unavailable()));
    }

    /**
     * Changes nothing here (what the owner does in the portal reaches us as webhooks), but needs the customer this
     * subscription has: an organization that never paid has none.
     */
    @CommandHandler
    public String handle(OpenBillingPortalCommand command, MemberRoster roster, BillingGateway gateway) {
        requireOwner(roster, command.actorId());
        if (stripeCustomerId == null) {
            throw DomainException.conflict("no-billing-account", "The organization has never paid: check out first");
        }
        return gateway.createPortalSession(stripeCustomerId, command.returnUrl());
    }

    private void requirePaying() {
        if (stripeSubscriptionId == null || !PAYING.contains(status)) {
            throw DomainException.conflict("no-paid-subscription", "The organization has no paid subscription");
        }
    }

    @CommandHandler
    public void handle(RecordInvoiceEventCommand command, Plans plans, BillingPolicy policy,
                       DeadlineManager deadlines) {
        String eventId = command.stripeEventId();
        switch (command.kind()) {
            case PAID -> {
                apply(new PaymentSucceededEvent(subscriptionId, organizationId, eventId, command.invoiceId(),
                        command.amountCents(), command.currency(), command.occurredAt()));
                if (status == SubscriptionStatus.PAST_DUE || status == SubscriptionStatus.UNPAID) {
                    deadlines.cancelAllWithinScope(GRACE_DEADLINE);
                    if (fellBackToFree) {
                        apply(new PaidPlanRestoredEvent(subscriptionId, organizationId, eventId, plan));
                        limitsChanged(plans);
                    }
                    apply(new SubscriptionStatusChangedEvent(subscriptionId, organizationId, eventId, status,
                            SubscriptionStatus.ACTIVE, command.occurredAt()));
                }
            }
            case PAYMENT_FAILED -> {
                apply(new PaymentFailedEvent(subscriptionId, organizationId, eventId, command.invoiceId(),
                        command.amountCents(), command.currency(), command.occurredAt()));
                if (status == SubscriptionStatus.ACTIVE || status == SubscriptionStatus.TRIALING) {
                    startGracePeriod(eventId, policy, deadlines);
                }
            }
            case ACTION_REQUIRED -> apply(new PaymentActionRequiredEvent(subscriptionId, organizationId, eventId,
                    command.invoiceId(), command.occurredAt()));
        }
    }

    @CommandHandler
    public void handle(CancelSubscriptionForClosureCommand command) {
        if (stripeSubscriptionId != null && PAYING.contains(status)) {
            apply(new SubscriptionClosureCancellationRequestedEvent(subscriptionId, organizationId,
                    stripeSubscriptionId));
        }
    }

    @CommandHandler
    public void handle(RecordTrialWillEndCommand command) {
        apply(new TrialEndingEvent(subscriptionId, organizationId, command.stripeEventId(), command.trialEnd()));
    }

    /** Still unpaid when the grace period ends: the free plan's limits apply until a payment succeeds. */
    /** The grace deadline's payload: a deadline handler's first parameter is its payload, resources follow. */
    record GracePeriodEnd(String subscriptionId) {
    }

    @DeadlineHandler(deadlineName = GRACE_DEADLINE)
    void graceExpired(GracePeriodEnd deadline, Plans plans) {
        if ((status == SubscriptionStatus.PAST_DUE || status == SubscriptionStatus.UNPAID) && !fellBackToFree) {
            apply(new GracePeriodExpiredEvent(subscriptionId, organizationId, plan, plans.defaultPlan().key()));
            limitsChanged(plans);
        }
    }

    private void startGracePeriod(String eventId, BillingPolicy policy, DeadlineManager deadlines) {
        Instant graceEndsAt = GenericEventMessage.clock.instant().plus(policy.gracePeriod());
        apply(new SubscriptionPastDueEvent(subscriptionId, organizationId, eventId, graceEndsAt));
        deadlines.cancelAllWithinScope(GRACE_DEADLINE);
        deadlines.schedule(graceEndsAt, GRACE_DEADLINE, new GracePeriodEnd(subscriptionId));
    }

    private void requireOwner(MemberRoster roster, String actorId) {
        roster.requireOpen(organizationId);
        Role role = actorId == null ? null : roster.activeRole(organizationId, actorId).orElse(null);
        if (!Permission.MANAGE_BILLING.allows(role)) {
            throw DomainException.forbidden("owner-required", "Only the owner manages billing");
        }
    }

    /**
     * An organization from before workspaces has no workspace limit on record (its subscription never emitted one,
     * and it was created without): the one the current state allows, as {@link #limitsChanged} would have recorded
     * it. Once one is on record, later changes keep it current.
     */
    @CommandHandler
    public void handle(RecordWorkspaceLimitCommand command, Plans plans) {
        if (workspaceLimitRecorded) {
            return;
        }
        Plan effective = effectivePlan(plans);
        apply(new WorkspaceLimitChangedEvent(organizationId, effective == null ? null : effective.workspaceLimit()));
    }

    /**
     * The events that say the limits the team and workspace rules enforce changed: to those of {@link #effectivePlan}.
     * Emitted right after the billing event that changes them (whose handler has updated the state already); the
     * lookups and the read models follow these events alone. A lower limit removes nothing: it only blocks what
     * would add more.
     */
    private void limitsChanged(Plans plans) {
        Plan effective = effectivePlan(plans);
        apply(new SeatLimitChangedEvent(organizationId, effective == null ? null : effective.seatLimit()));
        apply(new WorkspaceLimitChangedEvent(organizationId, effective == null ? null : effective.workspaceLimit()));
    }

    /**
     * The plan whose limits apply: the plan the organization is on, or the free plan's while a payment stays unpaid
     * past the grace period ({@code null}, meaning unlimited, for a plan no longer configured).
     */
    private Plan effectivePlan(Plans plans) {
        return fellBackToFree ? plans.defaultPlan() : plans.find(plan).orElse(null);
    }

    @EventSourcingHandler
    void on(SubscriptionStartedEvent event) {
        subscriptionId = event.subscriptionId();
        organizationId = event.organizationId();
        plan = event.plan();
        status = event.status();
    }

    @EventSourcingHandler
    void on(CheckoutRequestedEvent event) {
        pendingCheckoutId = event.checkoutId();
        pendingCheckoutSessionId = null;
        statusBeforeCheckout = status;
        status = SubscriptionStatus.CHECKOUT_PENDING;
    }

    @EventSourcingHandler
    void on(CheckoutSessionCreatedEvent event) {
        stripeCustomerId = event.stripeCustomerId();
        pendingCheckoutSessionId = event.sessionId();
    }

    @EventSourcingHandler
    void on(CheckoutFailedEvent event) {
        endCheckout();
    }

    @EventSourcingHandler
    void on(CheckoutExpiredEvent event) {
        endCheckout();
    }

    @EventSourcingHandler
    void on(CheckoutCompletedEvent event) {
        pendingCheckoutId = null;
        pendingCheckoutSessionId = null;
        status = statusBeforeCheckout;
    }

    @EventSourcingHandler
    void on(SubscriptionActivatedEvent event) {
        plan = event.plan();
        status = event.status();
        stripeSubscriptionId = event.stripeSubscriptionId();
        stripeCustomerId = event.stripeCustomerId();
        currentPeriodEnd = event.currentPeriodEnd();
        cancelAtPeriodEnd = false;
        fellBackToFree = false;
        lastObservedAt = event.observedAt();
    }

    @EventSourcingHandler
    void on(SubscriptionPlanChangedEvent event) {
        plan = event.plan();
        lastObservedAt = event.observedAt();
    }

    @EventSourcingHandler
    void on(SubscriptionStatusChangedEvent event) {
        status = event.status();
        lastObservedAt = later(lastObservedAt, event.observedAt());
    }

    @EventSourcingHandler
    void on(SubscriptionRenewedEvent event) {
        currentPeriodEnd = event.currentPeriodEnd();
        lastObservedAt = event.observedAt();
    }

    @EventSourcingHandler
    void on(SubscriptionCancellationScheduledEvent event) {
        cancelAtPeriodEnd = event.cancelAtPeriodEnd();
        lastObservedAt = event.observedAt();
    }

    @EventSourcingHandler
    void on(SubscriptionCanceledEvent event) {
        plan = event.freePlan();
        status = SubscriptionStatus.CANCELED;
        stripeSubscriptionId = null;
        currentPeriodEnd = null;
        cancelAtPeriodEnd = false;
        fellBackToFree = false;
        lastObservedAt = event.observedAt();
    }

    @EventSourcingHandler
    void on(StripeStateObservedEvent event) {
        lastObservedAt = later(lastObservedAt, event.observedAt());
    }

    @EventSourcingHandler
    void on(SubscriptionPastDueEvent event) {
        status = SubscriptionStatus.PAST_DUE;
    }

    @EventSourcingHandler
    void on(GracePeriodExpiredEvent event) {
        fellBackToFree = true;
    }

    @EventSourcingHandler
    void on(PaidPlanRestoredEvent event) {
        fellBackToFree = false;
    }

    @EventSourcingHandler
    void on(WorkspaceLimitChangedEvent event) {
        workspaceLimitRecorded = true;
    }

    private void endCheckout() {
        pendingCheckoutId = null;
        pendingCheckoutSessionId = null;
        status = statusBeforeCheckout;
    }

    /** Invoices report their own times, which may be older than the last subscription snapshot. */
    private static Instant later(Instant a, Instant b) {
        return a == null || (b != null && b.isAfter(a)) ? b : a;
    }
}
