package dev.tenantry.command.organization;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Seat limits per organization, the lock that serialises its seat-changing commands, and whether it is closed. */
@Component
class JdbcSeats implements Seats {

    private final JdbcTemplate jdbc;
    JdbcSeats(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void open(String organizationId, Integer limit) {
        jdbc.update("insert into organization_seats (organization_id, seat_limit) values (?, ?) "
                + "on conflict (organization_id) do nothing", organizationId, limit);
    }

    @Override
    public void setLimit(String organizationId, Integer limit) {
        jdbc.update("update organization_seats set seat_limit = ? where organization_id = ?", limit, organizationId);
    }

    @Override
    public Usage lock(String organizationId) {
        // The row lock is held until the command's transaction ends: the next seat-changing command of this
        // organization counts only after this one has committed or rolled back.
        Integer limit = jdbc.query("select seat_limit from organization_seats where organization_id = ? for update",
                rs -> rs.next() ? (Integer) rs.getObject(1) : null, organizationId);
        Integer members = jdbc.queryForObject("select count(*) from member_roster where organization_id = ? "
                + "and status = 'ACTIVE'", Integer.class, organizationId);
        Integer pending = jdbc.queryForObject("select count(*) from pending_invitation where organization_id = ?",
                Integer.class, organizationId);
        return new Usage(members == null ? 0 : members, pending == null ? 0 : pending, limit);
    }
}
