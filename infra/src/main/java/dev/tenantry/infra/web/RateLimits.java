package dev.tenantry.infra.web;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import dev.tenantry.infra.persistence.Workload;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rate limits whose counters live in PostgreSQL, so that every node counts the same requests: the generic cell rate
 * algorithm, one row per limited subject holding the instant at which its quota is full again. Taking a request
 * pushes that instant one interval further; a request that would push it more than a period ahead is refused,
 * changes nothing and is told when to come back. Time is the database's ({@code now()}), one clock for all nodes.
 * <p>
 * Every answer that a limit let through carries the {@code RateLimit-*} headers of the tightest limit it passed;
 * a refusal is 429 problem {@code rate-limited} with {@code Retry-After} besides.
 */
@Component
public class RateLimits {

    public static final String CODE = "rate-limited";
    public static final String LIMIT = "RateLimit-Limit";
    public static final String REMAINING = "RateLimit-Remaining";
    public static final String RESET = "RateLimit-Reset";

    private final JdbcTemplate jdbc;
    private final RateLimitProperties properties;
    private final MeterRegistry meters;

    RateLimits(JdbcTemplate jdbc, RateLimitProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.meters = meters;
    }

    /** Counts a refusal by the limit that refused: {@code tenantry_rate_limited_total{limit}}. */
    public void countRefusal(String limit) {
        meters.counter("tenantry.rate.limited", "limit", limit).increment();
    }

    public RateLimitProperties properties() {
        return properties;
    }

    /**
     * Takes one request from the subject's quota, or refuses with 429 {@code rate-limited}.
     *
     * @param limit   which limit this is (one quota per limit and subject)
     * @param subject whom it counts: a client address, a user id, an organization id
     */
    public void take(String limit, String subject, Quota quota) {
        if (!properties.enabled()) {
            return;
        }
        Standing standing = standing(limit + ":" + subject, quota);
        if (!standing.allowed()) {
            countRefusal(limit);
            throw new Refused(limit, standing);
        }
        report(standing);
    }

    /**
     * Where a subject stands after asking: {@code ahead} is how far the instant of a full quota lies ahead of now
     * (after this request, when it was allowed).
     */
    record Standing(boolean allowed, Quota quota, Duration ahead) {

        int remaining() {
            return allowed ? (int) quota.period().minus(ahead).dividedBy(quota.interval()) : 0;
        }

        long resetSeconds() {
            return ceilSeconds(ahead);
        }

        /** When one more request fits: once the full-quota instant is no further ahead than period minus interval. */
        long retryAfterSeconds() {
            return Math.max(1, ceilSeconds(ahead.minus(quota.period().minus(quota.interval()))));
        }

        Map<String, String> headers() {
            return Map.of(LIMIT, String.valueOf(quota.requests()), REMAINING, String.valueOf(remaining()),
                    RESET, String.valueOf(resetSeconds()));
        }

        private static long ceilSeconds(Duration duration) {
            long millis = Math.max(0, duration.toMillis());
            return (millis + 999) / 1000;
        }
    }

    Standing standing(String key, Quota quota) {
        long interval = quota.interval().toNanos() / 1000;
        long period = quota.period().toNanos() / 1000;
        // One statement: the row is locked only while it runs, and a refused request writes nothing.
        List<Long> taken = jdbc.queryForList("""
                        insert into rate_limit_bucket as bucket (bucket_key, tat)
                        values (?, now() + ? * interval '1 microsecond')
                        on conflict (bucket_key) do update
                            set tat = greatest(bucket.tat, now()) + ? * interval '1 microsecond'
                            where greatest(bucket.tat, now()) + ? * interval '1 microsecond'
                                  <= now() + ? * interval '1 microsecond'
                        returning (extract(epoch from (bucket.tat - now())) * 1000000)::bigint""",
                Long.class, key, interval, interval, interval, period);
        if (!taken.isEmpty()) {
            return new Standing(true, quota, Duration.ofNanos(taken.get(0) * 1000));
        }
        List<Long> current = jdbc.queryForList("""
                select (extract(epoch from (tat - now())) * 1000000)::bigint
                from rate_limit_bucket where bucket_key = ?""", Long.class, key);
        // The row can only have gone if the clean-up removed it in between: then the quota is full.
        return current.isEmpty() ? new Standing(true, quota, Duration.ZERO)
                : new Standing(false, quota, Duration.ofNanos(current.get(0) * 1000));
    }

    /** The headers of the tightest limit a request passed: a later limit with more left does not replace them. */
    private static void report(Standing standing) {
        if (!(RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
                || attributes.getResponse() == null) {
            return;
        }
        HttpServletResponse response = attributes.getResponse();
        String earlier = response.getHeader(REMAINING);
        if (earlier != null && Integer.parseInt(earlier) <= standing.remaining()) {
            return;
        }
        standing.headers().forEach(response::setHeader);
    }

    /** A request over a limit: 429, nothing changed, and when to try again. */
    static final class Refused extends ApiException {

        Refused(String limit, Standing standing) {
            super(HttpStatus.TOO_MANY_REQUESTS, CODE, "Too many requests",
                    "Too many requests (" + limit + ": at most " + standing.quota().requests() + " per "
                            + describe(standing.quota().period()) + "); try again in "
                            + standing.retryAfterSeconds() + " s",
                    withRetryAfter(standing.headers(), standing.retryAfterSeconds()));
        }
    }

    static Map<String, String> withRetryAfter(Map<String, String> headers, long seconds) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(HttpHeaders.RETRY_AFTER, String.valueOf(seconds));
        return all;
    }

    static String describe(Duration period) {
        if (period.toSeconds() % 3600 == 0) {
            return period.toHours() == 1 ? "hour" : period.toHours() + " hours";
        }
        if (period.toSeconds() % 60 == 0) {
            return period.toMinutes() == 1 ? "minute" : period.toMinutes() + " minutes";
        }
        return period.toSeconds() + " s";
    }

    /** Rows whose quota is full again mean the same as no row; one node removes them now and then. */
    @Bean
    static RecurringTask<Void> rateLimitCleanUp(JdbcTemplate jdbc) {
        return Tasks.recurring("rate-limit-clean-up", FixedDelay.ofMinutes(10))
                .execute((instance, context) -> Workload.BACKGROUND.run(() ->
                        jdbc.update("delete from rate_limit_bucket where tat < now()")));
    }
}
