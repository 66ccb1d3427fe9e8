package dev.tenantry.command.identity;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Failed sign-ins per email: after {@code maxFailures} in a row the email is locked for a while, each further
 * lock-out twice as long (up to {@code maxLockout}) until a sign-in succeeds. A locked email is refused before its
 * password is checked, so that guessing costs the guesser time and the service no password hashing. Emails without
 * an account are counted the same way: a lock-out tells nobody whether an account exists. Time is the database's,
 * as for the rate limits.
 */
@Component
class LoginLockouts {

    private final JdbcTemplate jdbc;
    private final IdentitySettings.Lockouts settings;

    LoginLockouts(JdbcTemplate jdbc, IdentitySettings settings) {
        this.jdbc = jdbc;
        this.settings = settings.lockouts();
    }

    /** How long the {@code nth} lock-out (1, 2, …) since the last successful sign-in lasts. */
    static Duration lockoutLength(IdentitySettings.Lockouts settings, int nth) {
        Duration length = settings.lockout();
        for (int i = 1; i < nth && length.compareTo(settings.maxLockout()) < 0; i++) {
            length = length.multipliedBy(2);
        }
        return length.compareTo(settings.maxLockout()) < 0 ? length : settings.maxLockout();
    }

    /** @throws SignInLocked while the email is locked */
    void refuseIfLocked(String email) {
        if (!settings.enabled()) {
            return;
        }
        List<Long> lockedFor = jdbc.queryForList("""
                select ceil(extract(epoch from (locked_until - now())))::bigint from login_failure
                where email = ? and locked_until > now()""", Long.class, email);
        if (!lockedFor.isEmpty()) {
            throw new SignInLocked(Duration.ofSeconds(Math.max(1, lockedFor.get(0))), settings.maxFailures());
        }
    }

    /**
     * Counts the failure, and locks the email when it is one too many.
     *
     * @return how long the email is now locked, when this failure locked it
     */
    @Transactional
    Optional<Duration> recordFailure(String email) {
        if (!settings.enabled()) {
            return Optional.empty();
        }
        jdbc.update("""
                        insert into login_failure as failure (email, failures, lockouts, last_failure_at)
                        values (?, 1, 0, now())
                        on conflict (email) do update
                            set failures = case when failure.last_failure_at < now() - ? * interval '1 millisecond'
                                                then 1 else failure.failures + 1 end,
                                last_failure_at = now()""",
                email, settings.window().toMillis());
        // Only one of several failures racing past the threshold locks (and mails): it resets the count, and holds
        // the row until it has set how long the lock-out lasts.
        List<Integer> lockouts = jdbc.queryForList("""
                        update login_failure set failures = 0, lockouts = lockouts + 1
                        where email = ? and failures >= ?
                        returning lockouts""",
                Integer.class, email, settings.maxFailures());
        if (lockouts.isEmpty()) {
            return Optional.empty();
        }
        Duration lockedFor = lockoutLength(settings, lockouts.get(0));
        jdbc.update("update login_failure set locked_until = now() + ? * interval '1 millisecond' where email = ?",
                lockedFor.toMillis(), email);
        return Optional.of(lockedFor);
    }

    /** A successful sign-in: the next lock-out is a first one again. */
    void recordSuccess(String email) {
        if (settings.enabled()) {
            jdbc.update("delete from login_failure where email = ?", email);
        }
    }
}
