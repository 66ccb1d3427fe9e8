package dev.tenantry.infra.live;

import dev.tenantry.command.SecretTokens;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

/**
 * Stream tickets: a browser's EventSource cannot send an Authorization header, and an access token in a URL would
 * end up in logs for its whole lifetime. A ticket opens one organization's stream once, within seconds, for the
 * user who asked for it. Kept in PostgreSQL (hashed), so it works on whichever node the browser reaches.
 */
@Component
class StreamTickets {

    record Ticket(String ticket, Instant expiresAt) {
    }

    /** @param sessionId the sign-in the ticket was issued to, or {@code null} */
    record Holder(String userId, String organizationId, String sessionId) {
    }

    private final JdbcTemplate jdbc;
    private final Duration ttl;
    private final Clock clock;

    StreamTickets(JdbcTemplate jdbc, @Value("${tenantry.live.ticket-ttl:60s}") Duration ttl, Clock clock) {
        this.clock = clock;
        this.jdbc = jdbc;
        this.ttl = ttl;
    }

    Ticket issue(String userId, String organizationId, String sessionId) {
        String ticket = SecretTokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl).truncatedTo(ChronoUnit.MICROS);
        // Housekeeping on the way: tickets nobody used are worthless once expired.
        jdbc.update("delete from stream_ticket where expires_at < ?", Timestamp.from(now));
        jdbc.update("""
                insert into stream_ticket (ticket_hash, user_id, organization_id, session_id, expires_at)
                values (?, ?, ?, ?, ?)""", SecretTokens.hash(ticket), userId, organizationId, sessionId,
                Timestamp.from(expiresAt));
        return new Ticket(ticket, expiresAt);
    }

    /** Uses the ticket up: it is deleted whether or not it is still valid, so it never opens a second stream. */
    Optional<Holder> redeem(String ticket) {
        return jdbc.queryForList("""
                        delete from stream_ticket where ticket_hash = ?
                        returning user_id, organization_id, session_id, expires_at""", SecretTokens.hash(ticket))
                .stream()
                .filter(row -> ((Timestamp) row.get("expires_at")).toInstant().isAfter(clock.instant()))
                .findFirst()
                .map(StreamTickets::holder);
    }

    private static Holder holder(Map<String, Object> row) {
        return new Holder((String) row.get("user_id"), (String) row.get("organization_id"),
                (String) row.get("session_id"));
    }
}
