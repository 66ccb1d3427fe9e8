package dev.tenantry.infra.identity;

import dev.tenantry.infra.web.RateLimitProperties;
import dev.tenantry.infra.web.RateLimits;
import dev.tenantry.infra.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Failed sign-ins per email: after {@code tenantry.rate-limits.failed-logins.max-failures} in a row the email is
 * locked for a while, each further lock-out twice as long (up to {@code max-lockout}) until a sign-in succeeds.
 * A locked email is refused before its password is checked, so that guessing costs the guesser time and the
 * service no password hashing. Emails without an account are counted the same way: a lock-out tells nobody
 * whether an account exists. Time is the database's, as for the other rate limits.
 */
@Component
class LoginLockouts {

    private final JdbcTemplate jdbc;
    private final RateLimitProperties properties;
    private final RateLimits limits;

    LoginLockouts(JdbcTemplate jdbc, RateLimits limits) {
        this.jdbc = jdbc;
        this.properties = limits.properties();
        this.limits = limits;
    }

    /** Refuses with 429 {@code rate-limited} while the email is locked. */
    void refuseIfLocked(String email) {
        if (!properties.enabled()) {
            return;
        }
        List<Long> lockedFor = jdbc.queryForList("""
                select ceil(extract(epoch from (locked_until - now())))::bigint from login_failure
                where email = ? and locked_until > now()""", Long.class, email);
        if (!lockedFor.isEmpty()) {
            limits.countRefusal("failed-logins");
            long seconds = Math.max(1, lockedFor.get(0));
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, RateLimits.CODE, "Too many requests",
                    "Too many failed sign-ins to this account; it is locked for " + seconds
                            + " s. The account's owner can also set a new password through a reset link",
                    Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(seconds),
                            RateLimits.LIMIT, String.valueOf(properties.failedLogins().maxFailures()),
                            RateLimits.REMAINING, "0", RateLimits.RESET, String.valueOf(seconds)));
        }
    }

    /** @return how long the email is now locked, when this failure locked it */
    Optional<Duration> recordFailure(String email) {
        if (!properties.enabled()) {
            return Optional.empty();
        }
        RateLimitProperties.FailedLogins limits = properties.failedLogins();
        jdbc.update("""
                        insert into login_failure as failure (email, failures, lockouts, last_failure_at)
                        values (?, 1, 0, now())
                        on conflict (email) do update
                            set failures = case when failure.last_failure_at < now() - ? * interval '1 millisecond'
                                                then 1 else failure.failures + 1 end,
                                last_failure_at = now()""",
                email, limits.window().toMillis());
        // Only one of several failures racing past the threshold locks (and mails): it resets the count.
        List<Long> locked = jdbc.queryForList("""
                        update login_failure
                        set failures = 0,
                            lockouts = lockouts + 1,
                            locked_until = now() + least(? * power(2, least(lockouts, 30)), ?) * interval '1 millisecond'
                        where email = ? and failures >= ?
                        returning (extract(epoch from (locked_until - now())) * 1000)::bigint""",
                Long.class, limits.lockout().toMillis(), limits.maxLockout().toMillis(), email, limits.maxFailures());
        return locked.stream().findFirst().map(Duration::ofMillis);
    }

    /** A successful sign-in: the next lock-out is a first one again. */
    void recordSuccess(String email) {
        if (properties.enabled()) {
            jdbc.update("delete from login_failure where email = ?", email);
        }
    }
}
