package dev.tenantry.command.identity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sign-in is its refresh-token family, and it holds while one of the family's tokens is not revoked. Every
 * request with an access token asks; the answer is kept for {@link #RECHECK} so that a busy client costs one query
 * per second, and an ended sign-in is refused on every node within about that.
 */
@Component
public class SignIns {

    static final Duration RECHECK = Duration.ofSeconds(1);
    private static final int MAX_REMEMBERED = 100_000;

    private final JdbcTemplate jdbc;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private record Answer(boolean active, long at) {
    }

    SignIns(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public boolean isActive(String sessionId) {
        long now = System.nanoTime();
        Answer answer = answers.get(sessionId);
        if (answer != null && now - answer.at() < RECHECK.toNanos()) {
            return answer.active();
        }
        boolean active = Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from refresh_token where family_id = ? and revoked_at is null)",
                Boolean.class, sessionId));
        if (answers.size() >= MAX_REMEMBERED) {
            answers.values().removeIf(old -> now - old.at() >= RECHECK.toNanos());
        }
        answers.put(sessionId, new Answer(active, now));
        return active;
    }
}
