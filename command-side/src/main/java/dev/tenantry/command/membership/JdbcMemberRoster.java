package dev.tenantry.command.membership;

import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;

/** Runs inside the command's transaction, like every command-side lookup. */
@Component
class JdbcMemberRoster implements MemberRoster {

    private final JdbcTemplate jdbc;

    JdbcMemberRoster(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Role> activeRole(String organizationId, String userId) {
        return jdbc.queryForList("select role from member_roster where organization_id = ? and user_id = ? "
                        + "and status = 'ACTIVE'", String.class, organizationId, userId)
                .stream().findFirst().map(Role::valueOf);
    }

    @Override
    public boolean hasActiveMemberWithEmail(String organizationId, String email) {
        return Boolean.TRUE.equals(jdbc.queryForObject("""
                select exists (select 1 from member_roster r join user_account u on u.id = r.user_id
                               where r.organization_id = ? and r.status = 'ACTIVE' and u.email = ?)""",
                Boolean.class, organizationId, email));
    }

    @Override
    public void closeOrganization(String organizationId) {
        jdbc.update("update organization_seats set closed = true where organization_id = ?", organizationId);
    }

    @Override
    public boolean isOrganizationClosed(String organizationId) {
        return Boolean.TRUE.equals(jdbc.query("select closed from organization_seats where organization_id = ?",
                rs -> rs.next() ? rs.getBoolean(1) : Boolean.FALSE, organizationId));
    }

    @Override
    public void record(String organizationId, String userId, Role role, MembershipStatus status) {
        jdbc.update("""
                insert into member_roster (organization_id, user_id, role, status) values (?, ?, ?, ?)
                on conflict (organization_id, user_id) do update set role = excluded.role, status = excluded.status""",
                organizationId, userId, role.name(), status.name());
    }
}
