package dev.tenantry.infra.organization;

import dev.tenantry.command.organization.Seats;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seat limits per organization. Until billing exists every organization is on the free plan, whose limit is
 * {@code tenantry.seats.default-limit}.
 */
@Component
class JdbcSeats implements Seats {

    private final JdbcTemplate jdbc;
    private final int defaultLimit;

    JdbcSeats(JdbcTemplate jdbc, @Value("${tenantry.seats.default-limit:5}") int defaultLimit) {
        this.jdbc = jdbc;
        this.defaultLimit = defaultLimit;
    }

    @Override
    public Integer open(String organizationId) {
        jdbc.update("insert into organization_seats (organization_id, seat_limit) values (?, ?) "
                + "on conflict (organization_id) do nothing", organizationId, defaultLimit);
        return defaultLimit;
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
