package dev.tenantry.query.dashboard;

import dev.tenantry.api.dashboard.DashboardHistoryView;
import dev.tenantry.api.dashboard.DashboardHistoryView.InvitationWeek;
import dev.tenantry.api.dashboard.DashboardHistoryView.MembersOnDay;
import dev.tenantry.api.dashboard.FindDashboardHistoryQuery;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationExpiredEvent;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Date;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counts per day and per week, keyed by the events' own time (UTC): a rebuild gives the same figures. Each event
 * is counted once per processing: the counters and the processor's token commit in one transaction, and a rebuild
 * empties the tables first.
 */
@Component
@ProcessingGroup(DashboardProjection.PROCESSING_GROUP)
class DashboardProjection {

    static final String PROCESSING_GROUP = "dashboard";

    private final JdbcTemplate jdbc;

    DashboardProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from dashboard_member_day");
        jdbc.update("delete from dashboard_invitation_week");
        jdbc.update("delete from dashboard_invitation");
    }

    @EventHandler
    void on(MemberAddedEvent event, @Timestamp Instant at) {
        countMember(event.organizationId(), at, 1, 0);
    }

    @EventHandler
    void on(MemberRemovedEvent event, @Timestamp Instant at) {
        countMember(event.organizationId(), at, 0, 1);
    }

    @EventHandler
    void on(MemberLeftEvent event, @Timestamp Instant at) {
        countMember(event.organizationId(), at, 0, 1);
    }

    /** A resent invitation is the same invitation: it counts in the week it was first sent. */
    @EventHandler
    void on(MemberInvitedEvent event, @Timestamp Instant at) {
        LocalDate week = weekOf(day(at));
        jdbc.update("insert into dashboard_invitation (invitation_id, tenant_id, week_start) values (?, ?, ?)",
                event.invitationId(), event.organizationId(), Date.valueOf(week));
        countInvitation(event.organizationId(), week, 1, 0, 0);
    }

    @EventHandler
    void on(InvitationAcceptedEvent event) {
        weekOfInvitation(event.invitationId()).ifPresent(week -> countInvitation(event.organizationId(), week, 0, 1, 0));
    }

    @EventHandler
    void on(InvitationExpiredEvent event) {
        weekOfInvitation(event.invitationId()).ifPresent(week -> countInvitation(event.organizationId(), week, 0, 0, 1));
    }

    @QueryHandler
    DashboardHistoryView handle(FindDashboardHistoryQuery query) {
        return new DashboardHistoryView(membersOverTime(query), invitationsByWeek(query));
    }

    private List<MembersOnDay> membersOverTime(FindDashboardHistoryQuery query) {
        LocalDate first = query.today().minusDays(query.days() - 1L);
        // Members before the window are one sum; inside it, day by day.
        Integer before = jdbc.queryForObject("""
                select coalesce(sum(joined - departed), 0) from dashboard_member_day
                where tenant_id = ? and day < ?""", Integer.class, query.organizationId(), Date.valueOf(first));
        Map<LocalDate, int[]> byDay = new HashMap<>();
        jdbc.query("""
                        select day, joined, departed from dashboard_member_day
                        where tenant_id = ? and day between ? and ?""",
                row -> {
                    byDay.put(row.getDate("day").toLocalDate(),
                            new int[]{row.getInt("joined"), row.getInt("departed")});
                }, query.organizationId(), Date.valueOf(first), Date.valueOf(query.today()));
        List<MembersOnDay> series = new ArrayList<>(query.days());
        int members = before == null ? 0 : before;
        for (LocalDate day = first; !day.isAfter(query.today()); day = day.plusDays(1)) {
            int[] counts = byDay.getOrDefault(day, new int[2]);
            members += counts[0] - counts[1];
            series.add(new MembersOnDay(day, members, counts[0], counts[1]));
        }
        return series;
    }

    private List<InvitationWeek> invitationsByWeek(FindDashboardHistoryQuery query) {
        LocalDate last = weekOf(query.today());
        LocalDate first = last.minusWeeks(query.weeks() - 1L);
        Map<LocalDate, int[]> byWeek = new HashMap<>();
        jdbc.query("""
                        select week_start, sent, accepted, expired from dashboard_invitation_week
                        where tenant_id = ? and week_start between ? and ?""",
                row -> {
                    byWeek.put(row.getDate("week_start").toLocalDate(),
                            new int[]{row.getInt("sent"), row.getInt("accepted"), row.getInt("expired")});
                }, query.organizationId(), Date.valueOf(first), Date.valueOf(last));
        List<InvitationWeek> series = new ArrayList<>(query.weeks());
        for (LocalDate week = first; !week.isAfter(last); week = week.plusWeeks(1)) {
            int[] counts = byWeek.getOrDefault(week, new int[3]);
            Double rate = counts[0] == 0 ? null : (double) counts[1] / counts[0];
            series.add(new InvitationWeek(week, counts[0], counts[1], counts[2], rate));
        }
        return series;
    }

    private void countMember(String tenantId, Instant at, int joined, int departed) {
        jdbc.update("""
                insert into dashboard_member_day (tenant_id, day, joined, departed) values (?, ?, ?, ?)
                on conflict (tenant_id, day) do update set joined = dashboard_member_day.joined + excluded.joined,
                    departed = dashboard_member_day.departed + excluded.departed""",
                tenantId, Date.valueOf(day(at)), joined, departed);
    }

    private void countInvitation(String tenantId, LocalDate week, int sent, int accepted, int expired) {
        jdbc.update("""
                insert into dashboard_invitation_week (tenant_id, week_start, sent, accepted, expired)
                values (?, ?, ?, ?, ?)
                on conflict (tenant_id, week_start) do update set sent = dashboard_invitation_week.sent + excluded.sent,
                    accepted = dashboard_invitation_week.accepted + excluded.accepted,
                    expired = dashboard_invitation_week.expired + excluded.expired""",
                tenantId, Date.valueOf(week), sent, accepted, expired);
    }

    private Optional<LocalDate> weekOfInvitation(String invitationId) {
        return jdbc.queryForList("select week_start from dashboard_invitation where invitation_id = ?", Date.class,
                invitationId).stream().findFirst().map(Date::toLocalDate);
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }
}
