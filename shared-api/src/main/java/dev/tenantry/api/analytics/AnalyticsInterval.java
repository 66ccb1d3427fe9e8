package dev.tenantry.api.analytics;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** A time series' bucket: a UTC day, an ISO week (Monday to Monday, UTC) or a calendar month (UTC). */
public enum AnalyticsInterval {
    DAY, WEEK, MONTH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnalyticsInterval> ofKey(String key) {
        return Arrays.stream(values()).filter(interval -> interval.key().equals(key)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(AnalyticsInterval::key).toList();
    }

    /** The start of the bucket that holds the instant. */
    public Instant floor(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LocalDate start = switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
        return start.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The start of the bucket after the one that starts at {@code bucketStart}. */
    public Instant next(Instant bucketStart) {
        LocalDate start = LocalDate.ofInstant(bucketStart, ZoneOffset.UTC);
        LocalDate next = switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
        return next.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** How many buckets cover {@code [from, to)}, the first starting at {@code floor(from)}; 0 when to is not after from. */
    public long bucketsBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return 0;
        }
        LocalDateTime start = LocalDateTime.ofInstant(floor(from), ZoneOffset.UTC);
        LocalDateTime end = LocalDateTime.ofInstant(to, ZoneOffset.UTC);
        long whole = switch (this) {
            case DAY -> ChronoUnit.DAYS.between(start, end);
            case WEEK -> ChronoUnit.WEEKS.between(start, end);
            case MONTH -> ChronoUnit.MONTHS.between(start, end);
        };
        LocalDateTime covered = switch (this) {
            case DAY -> start.plusDays(whole);
            case WEEK -> start.plusWeeks(whole);
            case MONTH -> start.plusMonths(whole);
        };
        return covered.isBefore(end) ? whole + 1 : whole;
    }
}
