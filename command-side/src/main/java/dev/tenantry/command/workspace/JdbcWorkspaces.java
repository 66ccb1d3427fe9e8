package dev.tenantry.command.workspace;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Runs inside the command's transaction, like every command-side lookup. {@code on conflict do nothing} waits for a
 * concurrent claim of the same name to commit or roll back, then answers for the winner, without aborting ours.
 */
@Component
class JdbcWorkspaces implements Workspaces {

    private final JdbcTemplate jdbc;

    JdbcWorkspaces(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(String organizationId, Integer limit) {
        jdbc.update("insert into organization_workspaces (organization_id, workspace_limit) values (?, ?) "
                + "on conflict (organization_id) do nothing", organizationId, limit);
    }

    @Override
    public void setLimit(String organizationId, Integer limit) {
        jdbc.update("""
                insert into organization_workspaces (organization_id, workspace_limit) values (?, ?)
                on conflict (organization_id) do update set workspace_limit = excluded.workspace_limit""",
                organizationId, limit);
    }

    @Override
    public void markSetUp(String organizationId) {
        jdbc.update("update organization_workspaces set set_up = true where organization_id = ?", organizationId);
    }

    @Override
    public List<String> organizationsNotSetUp(String afterId, int max) {
        // Every organization has had its seats row from the start (or from the migration that made them).
        return jdbc.queryForList("""
                select s.organization_id from organization_seats s
                left join organization_workspaces w on w.organization_id = s.organization_id
                where (w.organization_id is null or not w.set_up) and s.organization_id > ?
                order by s.organization_id limit ?""", String.class, afterId == null ? "" : afterId, max);
    }

    @Override
    public Usage lock(String organizationId) {
        // Held until the command's transaction ends: a concurrent creation counts only after this one committed or
        // rolled back, and the count below is a new statement, so it sees that commit.
        Integer limit = jdbc.query("select workspace_limit from organization_workspaces where organization_id = ? "
                + "for update", rs -> rs.next() ? (Integer) rs.getObject(1) : null, organizationId);
        Integer active = jdbc.queryForObject("select count(*) from workspace_name where organization_id = ?",
                Integer.class, organizationId);
        return new Usage(active == null ? 0 : active, limit);
    }

    @Override
    public boolean tryClaimName(String organizationId, String nameKey, String workspaceId) {
        boolean claimed = jdbc.update("insert into workspace_name (organization_id, name_key, workspace_id) "
                + "values (?, ?, ?) on conflict (organization_id, name_key) do nothing",
                organizationId, nameKey, workspaceId) == 1;
        if (claimed) {
            jdbc.update("delete from workspace_name where workspace_id = ? and name_key <> ?", workspaceId, nameKey);
            return true;
        }
        return workspaceId.equals(jdbc.query("select workspace_id from workspace_name where organization_id = ? "
                + "and name_key = ?", rs -> rs.next() ? rs.getString(1) : null, organizationId, nameKey));
    }

    @Override
    public void releaseName(String workspaceId) {
        jdbc.update("delete from workspace_name where workspace_id = ?", workspaceId);
    }

    @Override
    public List<String> activeWorkspaces(String organizationId) {
        return jdbc.queryForList("select workspace_id from workspace_name where organization_id = ?", String.class,
                organizationId);
    }

    @Override
    public void recordMember(String organizationId, String workspaceId, String userId) {
        jdbc.update("insert into workspace_member_roster (workspace_id, organization_id, user_id) values (?, ?, ?) "
                + "on conflict do nothing", workspaceId, organizationId, userId);
    }

    @Override
    public void forgetMember(String workspaceId, String userId) {
        jdbc.update("delete from workspace_member_roster where workspace_id = ? and user_id = ?", workspaceId, userId);
    }

    @Override
    public List<String> workspacesOf(String organizationId, String userId) {
        return jdbc.queryForList("select workspace_id from workspace_member_roster where organization_id = ? "
                + "and user_id = ?", String.class, organizationId, userId);
    }
}
