package dev.tenantry.query.dashboard;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.dashboard.DashboardHistoryView;
import dev.tenantry.api.dashboard.DashboardHistoryView.InvitationWeek;
import dev.tenantry.api.dashboard.DashboardHistoryView.MembersOnDay;
import dev.tenantry.api.dashboard.FindDashboardHistoryQuery;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.FindTeamSummaryQuery;
import dev.tenantry.api.organization.TeamSummaryView;
import dev.tenantry.api.workspace.FindWorkspaceDashboardQuery;
import dev.tenantry.api.workspace.WorkspaceDashboardView;
import dev.tenantry.api.workspace.WorkspaceDashboardView.ActiveWorkspace;
import dev.tenantry.api.workspace.WorkspaceDashboardView.WorkspacesOnDay;
import dev.tenantry.query.audit.Activity;
import dev.tenantry.query.audit.ActivityFeed;
import dev.tenantry.query.billing.PlanLookup;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Puts the tenant dashboard together from the read models and the audit stream; the API and the live stream share it. */
@Component
public class Dashboards {

    public static final int RECENT_ACTIVITY = 20;
    public static final int DEFAULT_DAYS = 30;
    public static final int DEFAULT_WEEKS = 12;
    static final int MAX_DAYS = 366;
    static final int MAX_WEEKS = 104;

    private final QueryGateway queries;
    private final ActivityFeed activity;
    private final PlanLookup plans;
    private final Clock clock;

    Dashboards(QueryGateway queries, ActivityFeed activity, PlanLookup plans, Clock clock) {
        this.clock = clock;
        this.queries = queries;
        this.activity = activity;
        this.plans = plans;
    }

    /**
     * @param seatsUsed        active members plus pending invitations
     * @param seatLimit        {@code null} for unlimited
     * @param subscription     the plan and its state, {@code null} only for organizations from before billing
     * @param membersOverTime  one point per UTC day, oldest first, today last
     * @param invitationsByWeek one point per ISO week (Monday, UTC), oldest first, this week last
     * @param recentActivity   the latest audit entries in words, newest first
     * @param workspacesOverTime one point per UTC day, like {@code membersOverTime}
     * @param mostActiveWorkspaces the workspaces every member sees with the most events in the last 30 days
     */
    public record Dashboard(String organizationId, Map<Role, Integer> membersByRole, int pendingInvitations,
                            int seatsUsed, Integer seatLimit, Subscription subscription,
                            List<MembersOnDay> membersOverTime, List<InvitationWeek> invitationsByWeek,
                            List<Activity> recentActivity, Workspaces workspaces,
                            List<WorkspacesOnDay> workspacesOverTime, List<ActiveWorkspace> mostActiveWorkspaces) {
    }

    /** @param limit active workspaces the plan allows, {@code null} for unlimited */
    public record Workspaces(int active, int archived, Integer limit) {
    }

    /** @param fellBackToFree unpaid past the grace period: the free plan's limits apply although {@code plan} is kept */
    public record Subscription(String plan, String planName, SubscriptionStatus status, Instant currentPeriodEnd,
                               boolean cancelAtPeriodEnd, boolean fellBackToFree) {
    }

    /**
     * The dashboard, or nothing when the organization is not (yet) in the read models.
     *
     * @param days  of the daily series, today included: 1 to {@value #MAX_DAYS}
     * @param weeks of the weekly series, this week included: 1 to {@value #MAX_WEEKS}
     */
    public Optional<Dashboard> dashboard(String organizationId, int days, int weeks) {
        requireWindow(days, weeks);
        Optional<TeamSummaryView> team = queries.query(new FindTeamSummaryQuery(organizationId),
                ResponseTypes.optionalInstanceOf(TeamSummaryView.class)).join();
        if (team.isEmpty()) {
            return Optional.empty();
        }
        Subscription subscription = queries.query(new FindSubscriptionQuery(organizationId),
                        ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join()
                .map(view -> new Subscription(view.plan(), plans.find(view.plan()).map(Plan::name).orElse(view.plan()),
                        view.status(), view.currentPeriodEnd(), view.cancelAtPeriodEnd(), view.fellBackToFree()))
                .orElse(null);
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        DashboardHistoryView history = queries.query(
                new FindDashboardHistoryQuery(organizationId, today, days, weeks),
                ResponseTypes.instanceOf(DashboardHistoryView.class)).join();
        WorkspaceDashboardView workspaces = queries.query(new FindWorkspaceDashboardQuery(organizationId, today, days),
                ResponseTypes.instanceOf(WorkspaceDashboardView.class)).join();
        // An organization from before workspaces has no recorded limit: the default plan's applies, as when creating.
        Integer workspaceLimit = workspaces.limitKnown() ? workspaces.limit() : plans.defaultPlan().workspaceLimit();
        return Optional.of(new Dashboard(organizationId, team.get().membersByRole(), team.get().pendingInvitations(),
                team.get().seatsUsed(), team.get().seatLimit(), subscription, history.membersOverTime(),
                history.invitationsByWeek(), activity.latest(organizationId, RECENT_ACTIVITY),
                new Workspaces(workspaces.active(), workspaces.archived(), workspaceLimit), workspaces.overTime(),
                workspaces.mostActive()));
    }

    static void requireWindow(int days, int weeks) {
        if (days < 1 || days > MAX_DAYS) {
            throw DomainException.invalid("invalid-days", "days", "days must be between 1 and " + MAX_DAYS);
        }
        if (weeks < 1 || weeks > MAX_WEEKS) {
            throw DomainException.invalid("invalid-weeks", "weeks", "weeks must be between 1 and " + MAX_WEEKS);
        }
    }
}
