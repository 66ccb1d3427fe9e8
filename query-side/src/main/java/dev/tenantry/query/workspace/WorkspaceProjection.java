package dev.tenantry.query.workspace;

import dev.tenantry.api.PageCursor;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.workspace.FindWorkspaceMemberQuery;
import dev.tenantry.api.workspace.FindWorkspaceMembersQuery;
import dev.tenantry.api.workspace.FindWorkspaceQuery;
import dev.tenantry.api.workspace.FindWorkspacesQuery;
import dev.tenantry.api.workspace.WorkspaceAccess;
import dev.tenantry.api.workspace.WorkspaceArchivedEvent;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceDescriptionChangedEvent;
import dev.tenantry.api.workspace.WorkspaceIds;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberPage;
import dev.tenantry.api.workspace.WorkspaceMemberRemovedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRoleChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberView;
import dev.tenantry.api.workspace.WorkspacePage;
import dev.tenantry.api.workspace.WorkspaceRenamedEvent;
import dev.tenantry.api.workspace.WorkspaceRestoredEvent;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceStatus;
import dev.tenantry.api.workspace.WorkspaceView;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.api.workspace.WorkspaceVisibilityChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Workspaces and their members. Someone who leaves or is removed from the organization drops out of its
 * workspaces here at once (the policy's commands follow), so a departed member never shows as a workspace member.
 */
@Component
@ProcessingGroup(WorkspaceProjection.PROCESSING_GROUP)
class WorkspaceProjection {

    static final String PROCESSING_GROUP = "workspaces";

    private static final String SELECT = """
            select w.workspace_id, w.tenant_id, w.name, w.name_key, w.description, w.visibility, w.status,
                   w.is_default, w.created_by, w.created_at, w.archived_at, w.updated_at,
                   (select count(*) from workspace_member_view c where c.workspace_id = w.workspace_id) as member_count,
                   me.role as my_role
            from workspace_view w
            left join workspace_member_view me on me.workspace_id = w.workspace_id and me.user_id = ?
            """;

    private final JdbcTemplate jdbc;

    WorkspaceProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @ResetHandler
    void reset() {
        jdbc.update("delete from workspace_member_view");
        jdbc.update("delete from workspace_view");
    }

    @EventHandler
    void on(WorkspaceCreatedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                        insert into workspace_view (workspace_id, tenant_id, name, name_key, description, visibility,
                            status, is_default, created_by, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, 'ACTIVE', ?, ?, ?, ?) on conflict (workspace_id) do nothing""",
                event.workspaceId(), event.organizationId(), event.name(), WorkspaceAccess.nameKey(event.name()),
                event.description(), event.visibility().name(),
                event.workspaceId().equals(WorkspaceIds.defaultOf(event.organizationId())), event.createdBy(),
                ts(at), ts(at));
    }

    @EventHandler
    void on(WorkspaceRenamedEvent event, @Timestamp Instant at) {
        jdbc.update("update workspace_view set name = ?, name_key = ?, updated_at = ? where workspace_id = ?",
                event.name(), WorkspaceAccess.nameKey(event.name()), ts(at), event.workspaceId());
    }

    @EventHandler
    void on(WorkspaceDescriptionChangedEvent event, @Timestamp Instant at) {
        jdbc.update("update workspace_view set description = ?, updated_at = ? where workspace_id = ?",
                event.description(), ts(at), event.workspaceId());
    }

    @EventHandler
    void on(WorkspaceVisibilityChangedEvent event, @Timestamp Instant at) {
        jdbc.update("update workspace_view set visibility = ?, updated_at = ? where workspace_id = ?",
                event.visibility().name(), ts(at), event.workspaceId());
    }

    @EventHandler
    void on(WorkspaceArchivedEvent event, @Timestamp Instant at) {
        jdbc.update("update workspace_view set status = 'ARCHIVED', archived_at = ?, updated_at = ? "
                + "where workspace_id = ?", ts(at), ts(at), event.workspaceId());
    }

    @EventHandler
    void on(WorkspaceRestoredEvent event, @Timestamp Instant at) {
        jdbc.update("update workspace_view set status = 'ACTIVE', archived_at = null, updated_at = ? "
                + "where workspace_id = ?", ts(at), event.workspaceId());
    }

    @EventHandler
    void on(WorkspaceMemberAddedEvent event, @Timestamp Instant at) {
        jdbc.update("""
                        insert into workspace_member_view (workspace_id, tenant_id, user_id, role, added_at)
                        values (?, ?, ?, ?, ?) on conflict (workspace_id, user_id) do update set role = excluded.role""",
                event.workspaceId(), event.organizationId(), event.userId(), event.role().name(), ts(at));
    }

    @EventHandler
    void on(WorkspaceMemberRoleChangedEvent event) {
        jdbc.update("update workspace_member_view set role = ? where workspace_id = ? and user_id = ?",
                event.role().name(), event.workspaceId(), event.userId());
    }

    @EventHandler
    void on(WorkspaceMemberRemovedEvent event) {
        jdbc.update("delete from workspace_member_view where workspace_id = ? and user_id = ?", event.workspaceId(),
                event.userId());
    }

    @EventHandler
    void on(MemberLeftEvent event) {
        departed(event.organizationId(), event.userId());
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        departed(event.organizationId(), event.userId());
    }

    private void departed(String tenantId, String userId) {
        jdbc.update("delete from workspace_member_view where tenant_id = ? and user_id = ?", tenantId, userId);
    }

    @QueryHandler
    WorkspacePage handle(FindWorkspacesQuery query) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder(SELECT).append("where w.tenant_id = ?");
        args.add(query.viewerId());
        args.add(query.organizationId());
        switch (visibleTo(query.viewerRole())) {
            case ALL -> {
            }
            case ORGANIZATION_AND_OWN -> sql.append(" and (w.visibility = 'ORGANIZATION' or me.user_id is not null)");
            case NONE -> {
                return new WorkspacePage(List.of(), null);
            }
        }
        if (query.status() != null) {
            sql.append(" and w.status = ?");
            args.add(query.status().name());
        }
        if (query.search() != null && !query.search().isBlank()) {
            sql.append(" and w.name_key like ? escape '\\'");
            args.add("%" + likeEscaped(WorkspaceAccess.nameKey(query.search())) + "%");
        }
        if (query.cursor() != null) {
            List<String> after = PageCursor.decode(query.cursor(), 2).orElseThrow(
                    () -> new IllegalArgumentException("not a cursor of this list"));
            sql.append(" and (w.name_key, w.workspace_id) > (?, ?)");
            args.add(after.get(0));
            args.add(after.get(1));
        }
        sql.append(" order by w.name_key, w.workspace_id limit ?");
        args.add(query.limit() + 1);
        List<Row> rows = jdbc.query(sql.toString(), ROW, args.toArray());
        String next = null;
        if (rows.size() > query.limit()) {
            rows = rows.subList(0, query.limit());
            Row last = rows.get(rows.size() - 1);
            next = PageCursor.encode(last.nameKey, last.view.id());
        }
        return new WorkspacePage(rows.stream().map(row -> row.view).toList(), next);
    }

    @QueryHandler
    Optional<WorkspaceView> handle(FindWorkspaceQuery query) {
        return jdbc.query(SELECT + "where w.tenant_id = ? and w.workspace_id = ?", ROW, query.viewerId(),
                        query.organizationId(), query.workspaceId()).stream()
                .map(row -> row.view)
                .filter(view -> WorkspaceAccess.canSee(query.viewerRole(), view.visibility(), view.myRole()))
                .findFirst();
    }

    @QueryHandler
    WorkspaceMemberPage handle(FindWorkspaceMembersQuery query) {
        List<Object> args = new ArrayList<>(List.of(query.organizationId(), query.workspaceId()));
        StringBuilder sql = new StringBuilder("""
                select m.workspace_id, m.user_id, m.role, m.added_at, p.email, p.display_name
                from workspace_member_view m left join user_profile_view p on p.user_id = m.user_id
                where m.tenant_id = ? and m.workspace_id = ?""");
        if (query.cursor() != null) {
            List<String> after = PageCursor.decode(query.cursor(), 2).orElseThrow(
                    () -> new IllegalArgumentException("not a cursor of this list"));
            sql.append(" and (m.added_at, m.user_id) > (?, ?)");
            args.add(ts(Instant.parse(after.get(0))));
            args.add(after.get(1));
        }
        sql.append(" order by m.added_at, m.user_id limit ?");
        args.add(query.limit() + 1);
        List<WorkspaceMemberView> members = jdbc.query(sql.toString(), MEMBER, args.toArray());
        String next = null;
        if (members.size() > query.limit()) {
            members = members.subList(0, query.limit());
            WorkspaceMemberView last = members.get(members.size() - 1);
            next = PageCursor.encode(last.addedAt().toString(), last.userId());
        }
        return new WorkspaceMemberPage(List.copyOf(members), next);
    }

    @QueryHandler
    Optional<WorkspaceMemberView> handle(FindWorkspaceMemberQuery query) {
        return jdbc.query("""
                        select m.workspace_id, m.user_id, m.role, m.added_at, p.email, p.display_name
                        from workspace_member_view m left join user_profile_view p on p.user_id = m.user_id
                        where m.tenant_id = ? and m.workspace_id = ? and m.user_id = ?""", MEMBER,
                query.organizationId(), query.workspaceId(), query.userId()).stream().findFirst();
    }

    private enum Visible { ALL, ORGANIZATION_AND_OWN, NONE }

    /** {@link WorkspaceAccess#canSee} as a filter of the whole list, so that paging counts only visible rows. */
    private static Visible visibleTo(Role role) {
        if (WorkspaceAccess.canSee(role, WorkspaceVisibility.PRIVATE, null)) {
            return Visible.ALL;
        }
        return WorkspaceAccess.canSee(role, WorkspaceVisibility.ORGANIZATION, null) ? Visible.ORGANIZATION_AND_OWN
                : Visible.NONE;
    }

    private static java.sql.Timestamp ts(Instant at) {
        return java.sql.Timestamp.from(at);
    }

    private static String likeEscaped(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private record Row(WorkspaceView view, String nameKey) {
    }

    private static final RowMapper<Row> ROW = (rs, n) -> {
        String myRole = rs.getString("my_role");
        java.sql.Timestamp archivedAt = rs.getTimestamp("archived_at");
        return new Row(new WorkspaceView(rs.getString("workspace_id"), rs.getString("tenant_id"),
                rs.getString("name"), rs.getString("description"),
                WorkspaceVisibility.valueOf(rs.getString("visibility")),
                WorkspaceStatus.valueOf(rs.getString("status")), rs.getInt("member_count"),
                myRole == null ? null : WorkspaceRole.valueOf(myRole), rs.getBoolean("is_default"),
                rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(),
                archivedAt == null ? null : archivedAt.toInstant(), rs.getTimestamp("updated_at").toInstant()),
                rs.getString("name_key"));
    };

    private static final RowMapper<WorkspaceMemberView> MEMBER = (rs, n) -> new WorkspaceMemberView(
            rs.getString("workspace_id"), rs.getString("user_id"), rs.getString("email"),
            rs.getString("display_name"), WorkspaceRole.valueOf(rs.getString("role")),
            rs.getTimestamp("added_at").toInstant());
}
