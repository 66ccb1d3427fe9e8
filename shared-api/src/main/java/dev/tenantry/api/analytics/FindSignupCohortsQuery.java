package dev.tenantry.api.analytics;

import dev.tenantry.api.DomainException;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Cohorts of organizations by the month (UTC) they were created in, {@code from} to {@code to} inclusive: at most
 * {@value #MAX_COHORTS} of them.
 *
 * @param months the most months after signup to report, 1 to {@value #MAX_MONTHS}
 * @param asOf   only ages every organization of a cohort has reached by then are reported
 */
public record FindSignupCohortsQuery(YearMonth from, YearMonth to, int months, Instant asOf) {

    public static final int MAX_COHORTS = 120;
    public static final int MAX_MONTHS = 120;

    public FindSignupCohortsQuery {
        requireSpan(from, to);
        requireMonths(months, Integer.toString(months));
    }

    /**
     * The query as a client asks it, every part text: {@code from} and {@code to} months as 2021-03; {@code to} the
     * month of {@code now} (UTC) when absent, {@code from} 11 months before {@code to}; {@code months} 12 when absent.
     */
    public static FindSignupCohortsQuery of(String from, String to, String months, Instant now) {
        YearMonth last = blank(to) ? YearMonth.from(now.atOffset(ZoneOffset.UTC)) : month("to", to);
        YearMonth first = blank(from) ? last.minusMonths(11) : month("from", from);
        requireSpan(first, last);
        int ages = 12;
        if (!blank(months)) {
            try {
                ages = Integer.parseInt(months.trim());
            } catch (NumberFormatException e) {
                ages = -1;
            }
            requireMonths(ages, months);
        }
        return new FindSignupCohortsQuery(first, last, ages, now);
    }

    private static void requireSpan(YearMonth from, YearMonth to) {
        if (from.isAfter(to)) {
            throw DomainException.invalid("invalid-range", "from", "from must not be after to");
        }
        if (from.until(to, ChronoUnit.MONTHS) >= MAX_COHORTS) {
            throw DomainException.invalid("too-many-cohorts", "from", "from and to span more than " + MAX_COHORTS
                    + " months");
        }
    }

    /** @param given the months as the client gave them */
    private static void requireMonths(int months, String given) {
        if (months < 1 || months > MAX_MONTHS) {
            throw DomainException.invalid("invalid-months", "months", "months must be a whole number from 1 to "
                    + MAX_MONTHS + " (got " + given + ")");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("invalid-month", name, name + " must be a month as 2021-03 (got "
                    + value + ")");
        }
    }
}
