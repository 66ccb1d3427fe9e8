package dev.tenantry.query.workspace;

import dev.tenantry.api.workspace.FindWorkspaceDashboardQuery;
import dev.tenantry.api.workspace.WorkspaceArchivedEvent;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceDashboardView;
import dev.tenantry.api.workspace.WorkspaceDashboardView.ActiveWorkspace;
import dev.tenantry.api.workspace.WorkspaceDashboardView.WorkspacesOnDay;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceRestoredEvent;
import dev.tenantry.api.workspace.WorkspaceScoped;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard's workspace figures: counts per UTC day of the events' own time, so a rebuild gives the same
 * figures, and the plan's limit as {@link WorkspaceLimitChangedEvent} sets it. Part of the "workspaces" read model:
 * one rebuild replays both.
 */
@Component
@ProcessingGroup(WorkspaceProjection.PROCESSING_GROUP)
class WorkspaceActivityProjection {

    public static final int MOST_ACTIVE = 5;
    public static final int ACTIVITY_DAYS = 30;

    private final JdbcTemplate jdbc;

    WorkspaceActivityProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from dashboard_workspace_day");
        jdbc.update("delete from dashboard_workspace_activity");
        jdbc.update("delete from workspace_limit_view");
    }

    @EventHandler
    void on(WorkspaceLimitChangedEvent event) {
        jdbc.update("""
                insert into workspace_limit_view (tenant_id, workspace_limit) values (?, ?)
                on conflict (tenant_id) do update set workspace_limit = excluded.workspace_limit""",
                event.organizationId(), event.workspaceLimit());
    }

    @EventHandler
    void on(WorkspaceCreatedEvent event, @Timestamp Instant at) {
        countDay(event.organizationId(), at, 1, 0, 0);
        countActivity(event.organizationId(), event.workspaceId(), at);
    }

    @EventHandler
    void on(WorkspaceArchivedEvent event, @Timestamp Instant at) {
        countDay(event.organizationId(), at, 0, 1, 0);
        countActivity(event.organizationId(), event.workspaceId(), at);
    }

    @EventHandler
    void on(WorkspaceRestoredEvent event, @Timestamp Instant at) {
        countDay(event.organizationId(), at, 0, 0, 1);
        countActivity(event.organizationId(), event.workspaceId(), at);
    }

    /**
     * Every other workspace event counts as activity only. Axon calls the most specific handler of this class, so
     * the created, archived and restored events above count themselves.
     */
    @EventHandler
    void on(WorkspaceScoped event, @Timestamp Instant at) {
        countActivity(event.organizationId(), event.workspaceId(), at);
    }

    @QueryHandler
    WorkspaceDashboardView handle(FindWorkspaceDashboardQuery query) {
        String tenantId = query.organizationId();
        int active = count(tenantId, "ACTIVE");
        int archived = count(tenantId, "ARCHIVED");
        List<Integer> limit = jdbc.query("select workspace_limit from workspace_limit_view where tenant_id = ?",
                (rs, n) -> (Integer) rs.getObject(1), tenantId);
        return new WorkspaceDashboardView(active, archived, limit.isEmpty() ? null : limit.get(0), !limit.isEmpty(),
                overTime(query), mostActive(tenantId, query.today()));
    }

    private int count(String tenantId, String status) {
        Integer count = jdbc.queryForObject("select count(*) from workspace_view where tenant_id = ? and status = ?",
                Integer.class, tenantId, status);
        return count == null ? 0 : count;
    }

    private List<WorkspacesOnDay> overTime(FindWorkspaceDashboardQuery query) {
        LocalDate first = query.today().minusDays(query.days() - 1L);
        Integer before = jdbc.queryForObject("""
                select coalesce(sum(created + restored - archived), 0) from dashboard_workspace_day
                where tenant_id = ? and day < ?""", Integer.class, query.organizationId(), Date.valueOf(first));
        Map<LocalDate, int[]> byDay = new HashMap<>();
        jdbc.query("""
                        select day, created, archived, restored from dashboard_workspace_day
                        where tenant_id = ? and day between ? and ?""",
                row -> {
                    byDay.put(row.getDate("day").toLocalDate(),
                            new int[]{row.getInt("created"), row.getInt("archived"), row.getInt("restored")});
                }, query.organizationId(), Date.valueOf(first), Date.valueOf(query.today()));
        List<WorkspacesOnDay> series = new ArrayList<>(query.days());
        int active = before == null ? 0 : before;
        for (LocalDate day = first; !day.isAfter(query.today()); day = day.plusDays(1)) {
            int[] counts = byDay.getOrDefault(day, new int[3]);
            active += counts[0] + counts[2] - counts[1];
            series.add(new WorkspacesOnDay(day, counts[0], counts[1], counts[2], active));
        }
        return series;
    }

    /** Only workspaces every member sees: the dashboard is the same for all of them, so it names no private one. */
    private List<ActiveWorkspace> mostActive(String tenantId, LocalDate today) {
        return jdbc.query("""
                        select a.workspace_id, w.name, sum(a.events) as events
                        from dashboard_workspace_activity a
                        join workspace_view w on w.workspace_id = a.workspace_id
                        where a.tenant_id = ? and a.day > ? and w.visibility = 'ORGANIZATION'
                        group by a.workspace_id, w.name
                        order by events desc, w.name, a.workspace_id
                        limit ?""",
                (rs, n) -> new ActiveWorkspace(rs.getString("workspace_id"), rs.getString("name"),
                        rs.getInt("events")),
                tenantId, Date.valueOf(today.minusDays(ACTIVITY_DAYS)), MOST_ACTIVE);
    }

    private void countDay(String tenantId, Instant at, int created, int archived, int restored) {
        jdbc.update("""
                        insert into dashboard_workspace_day (tenant_id, day, created, archived, restored)
                        values (?, ?, ?, ?, ?)
                        on conflict (tenant_id, day) do update set
                            created = dashboard_workspace_day.created + excluded.created,
                            archived = dashboard_workspace_day.archived + excluded.archived,
                            restored = dashboard_workspace_day.restored + excluded.restored""",
                tenantId, Date.valueOf(day(at)), created, archived, restored);
    }

    private void countActivity(String tenantId, String workspaceId, Instant at) {
        jdbc.update("""
                        insert into dashboard_workspace_activity (tenant_id, workspace_id, day, events)
                        values (?, ?, ?, 1)
                        on conflict (workspace_id, day) do update set events = dashboard_workspace_activity.events + 1""",
                tenantId, workspaceId, Date.valueOf(day(at)));
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
