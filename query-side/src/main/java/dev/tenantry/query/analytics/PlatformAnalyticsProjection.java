package dev.tenantry.query.analytics;

import dev.tenantry.api.billing.PaymentFailedEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionStatusChangedEvent;
import dev.tenantry.api.identity.UserRegisteredEvent;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationRenamedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Platform analytics, from event times only ({@code @Timestamp}, never the clock at handling time), so that a
 * rebuild reproduces every figure. Handlers set state from their event, key what they insert by the event's id and
 * compare before they change a paid period, so a redelivered event changes nothing.
 */
@Component
@ProcessingGroup(PlatformAnalyticsProjection.PROCESSING_GROUP)
class PlatformAnalyticsProjection {

    static final String PROCESSING_GROUP = "platform-analytics";

    /** Counted in MRR. */
    static final Set<SubscriptionStatus> PAID = EnumSet.of(SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE);
    /** A Stripe subscription that has been paid for: ending it is churn, leaving UNPAID for ACTIVE is no new sale. */
    private static final Set<SubscriptionStatus> BILLED = EnumSet.of(SubscriptionStatus.ACTIVE,
            SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID);

    private final JdbcTemplate jdbc;

    PlatformAnalyticsProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from analytics_fact");
        jdbc.update("delete from analytics_paid_period");
        jdbc.update("delete from analytics_organization");
    }

    @EventHandler
    void on(UserRegisteredEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        fact(eventId, AnalyticsFacts.USER_SIGNUPS, at, null, null, null);
    }

    @EventHandler
    void on(OrganizationCreatedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        jdbc.update("""
                insert into analytics_organization (tenant_id, name, slug, status, created_at, updated_at)
                values (?, ?, ?, 'ACTIVE', ?, ?) on conflict (tenant_id) do nothing""",
                event.organizationId(), event.name(), event.slug(), ts(at), ts(at));
        fact(eventId, AnalyticsFacts.ORGANIZATION_SIGNUPS, at, event.organizationId(), null, null);
    }

    @EventHandler
    void on(OrganizationRenamedEvent event, @Timestamp Instant at) {
        jdbc.update("update analytics_organization set name = ?, updated_at = ? where tenant_id = ?",
                event.name(), ts(at), event.organizationId());
    }

    @EventHandler
    void on(OrganizationClosedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                update analytics_organization set status = 'CLOSED', closed_at = ?, updated_at = ?
                where tenant_id = ?""", ts(at), ts(at), event.organizationId());
    }

    @EventHandler
    void on(InvitationAcceptedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        fact(eventId, AnalyticsFacts.INVITATIONS_ACCEPTED, at, event.organizationId(), null, null);
    }

    @EventHandler
    void on(PaymentFailedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        fact(eventId, AnalyticsFacts.FAILED_PAYMENTS, at, event.organizationId(), null, null);
    }

    // The subscription's plan and status; each change may open or close a paid period.

    @EventHandler
    void on(SubscriptionStartedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        billing(event.organizationId(), eventId, at, event.plan(), event.status());
    }

    @EventHandler
    void on(SubscriptionActivatedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        billing(event.organizationId(), eventId, at, event.plan(), event.status());
    }

    @EventHandler
    void on(SubscriptionPlanChangedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        Billing before = billingOf(event.organizationId());
        if (before != null && PAID.contains(before.status()) && !Objects.equals(before.plan(), event.plan())) {
            fact(eventId, AnalyticsFacts.PLAN_CHANGES, at, event.organizationId(), before.plan(), event.plan());
        }
        billing(event.organizationId(), eventId, at, event.plan(), null);
    }

    @EventHandler
    void on(SubscriptionStatusChangedEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        billing(event.organizationId(), eventId, at, null, event.status());
    }

    @EventHandler
    void on(SubscriptionPastDueEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        billing(event.organizationId(), eventId, at, null, SubscriptionStatus.PAST_DUE);
    }

    @EventHandler
    void on(SubscriptionCanceledEvent event, @MessageIdentifier String eventId, @Timestamp Instant at) {
        billing(event.organizationId(), eventId, at, event.freePlan(), SubscriptionStatus.CANCELED);
    }

    private record Billing(String plan, SubscriptionStatus status) {

        /** The plan paid for, or null when nothing counts in MRR. */
        String paidPlan() {
            return plan != null && PAID.contains(status) ? plan : null;
        }
    }

    private Billing billingOf(String organizationId) {
        List<Billing> rows = jdbc.query(
                "select plan, subscription_status from analytics_organization where tenant_id = ?",
                (rs, row) -> new Billing(rs.getString("plan"), rs.getString("subscription_status") == null ? null
                        : SubscriptionStatus.valueOf(rs.getString("subscription_status"))),
                organizationId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Applies a new plan and/or status (null: unchanged), with the paid period and the facts it implies. */
    private void billing(String organizationId, String eventId, Instant at, String plan, SubscriptionStatus status) {
        Billing before = billingOf(organizationId);
        if (before == null) {
            return; // no organization: nothing to attribute it to
        }
        Billing after = new Billing(plan != null ? plan : before.plan(), status != null ? status : before.status());
        jdbc.update("""
                update analytics_organization set plan = ?, subscription_status = ?, updated_at = ?
                where tenant_id = ?""", after.plan(), after.status() == null ? null : after.status().name(), ts(at),
                organizationId);
        if (!Objects.equals(before.paidPlan(), after.paidPlan())) {
            if (before.paidPlan() != null) {
                jdbc.update("update analytics_paid_period set ended_at = ? where tenant_id = ? and ended_at is null",
                        ts(at), organizationId);
                // A span that ended where it began (two changes in one instant) was never paid for.
                jdbc.update("delete from analytics_paid_period where tenant_id = ? and ended_at = started_at",
                        organizationId);
            }
            if (after.paidPlan() != null) {
                jdbc.update("""
                        insert into analytics_paid_period (period_id, tenant_id, plan, started_at)
                        values (?, ?, ?, ?) on conflict (period_id) do nothing""",
                        eventId, organizationId, after.paidPlan(), ts(at));
            }
        }
        boolean billedBefore = before.status() != null && BILLED.contains(before.status());
        if (!billedBefore && after.status() != null && PAID.contains(after.status())) {
            fact(eventId, AnalyticsFacts.NEW_PAID_SUBSCRIPTIONS, at, organizationId, null, after.plan());
        } else if (billedBefore && after.status() == SubscriptionStatus.CANCELED) {
            fact(eventId, AnalyticsFacts.CHURNED_SUBSCRIPTIONS, at, organizationId, before.plan(), null);
        }
    }

    private void fact(String eventId, String metric, Instant at, String organizationId, String previousPlan,
                      String plan) {
        jdbc.update("""
                insert into analytics_fact (event_id, metric, occurred_at, tenant_id, previous_plan, plan)
                values (?, ?, ?, ?, ?, ?) on conflict (event_id, metric) do nothing""",
                eventId, metric, ts(at), organizationId, previousPlan, plan);
    }

    /** PostgreSQL's driver binds an OffsetDateTime to timestamptz as the instant it is, whatever the JVM's zone. */
    static OffsetDateTime ts(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
