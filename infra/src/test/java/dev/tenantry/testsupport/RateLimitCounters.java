package dev.tenantry.testsupport;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * For tests that do more of something than one user may in an hour (a role matrix creating an organization per row,
 * say) and are not about the limit: they forget what was counted, as if the hour had passed. The limits' own tests
 * are in {@code RateLimitsTest}.
 */
public final class RateLimitCounters {

    private RateLimitCounters() {
    }

    /** @param limit as named in a refusal's detail, e.g. {@code organization-creation} */
    public static void forget(JdbcTemplate jdbc, String limit, String subject) {
        jdbc.update("delete from rate_limit_bucket where bucket_key = ?", limit + ":" + subject);
    }
}
