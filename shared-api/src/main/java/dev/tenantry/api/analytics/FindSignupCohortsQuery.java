package dev.tenantry.api.analytics;

import java.time.Instant;
import java.time.YearMonth;

/**
 * Cohorts of organizations by the month (UTC) they were created in, {@code from} to {@code to} inclusive.
 *
 * @param months the most months after signup to report
 * @param asOf   only ages every organization of a cohort has reached by then are reported
 */
public record FindSignupCohortsQuery(YearMonth from, YearMonth to, int months, Instant asOf) {
}
