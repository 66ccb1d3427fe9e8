package dev.tenantry.api.analytics;

import dev.tenantry.api.DomainException;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * One metric over {@code [from, to)}, in buckets of the interval; the first bucket starts at
 * {@code interval.floor(from)}. {@code from} is before {@code to}, and they span at most {@value #MAX_BUCKETS}
 * buckets.
 */
public record FindAnalyticsTimeseriesQuery(AnalyticsMetric metric,
                                           AnalyticsInterval interval,
                                           Instant from,
                                           Instant to) {

    /** Bounds one answer: about 2.7 years of days. */
    public static final int MAX_BUCKETS = 1000;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    public FindAnalyticsTimeseriesQuery {
        if (!from.isBefore(to)) {
            throw DomainException.invalid("invalid-range", "from", "from must be before to");
        }
        if (interval.bucketsBetween(from, to) > MAX_BUCKETS) {
            throw DomainException.invalid("too-many-buckets", "interval", "from and to span more than "
                    + MAX_BUCKETS + " " + interval.key() + " buckets: narrow the range or use a longer interval");
        }
    }

    /**
     * The query as a client asks it, every part text: {@code metric} by its key (required), {@code interval} day
     * (the default), week or month; {@code from} and {@code to} ISO-8601 instants or dates (their start, UTC).
     * {@code to} is {@code now} when absent, {@code from} about 30 days or 12 weeks or months before {@code to}.
     */
    public static FindAnalyticsTimeseriesQuery of(String metric, String interval, String from, String to,
                                                  Instant now) {
        if (blank(metric)) {
            throw DomainException.invalid("invalid-metric", "metric",
                    "metric is required: one of " + String.join(", ", AnalyticsMetric.keys()));
        }
        AnalyticsMetric chosen = AnalyticsMetric.ofKey(metric).orElseThrow(() -> DomainException.invalid(
                "invalid-metric", "metric", "metric must be one of " + String.join(", ", AnalyticsMetric.keys())
                        + " (got " + metric + ")"));
        AnalyticsInterval bucket = blank(interval) ? AnalyticsInterval.DAY
                : AnalyticsInterval.ofKey(interval).orElseThrow(() -> DomainException.invalid("invalid-interval",
                "interval", "interval must be one of " + String.join(", ", AnalyticsInterval.keys())
                        + " (got " + interval + ")"));
        Instant end = blank(to) ? now : instant("to", to);
        Instant start = blank(from) ? defaultFrom(bucket, end) : instant("from", from);
        return new FindAnalyticsTimeseriesQuery(chosen, bucket, start, end);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** About 30 buckets of days, or 12 of weeks or months, up to {@code to}. */
    private static Instant defaultFrom(AnalyticsInterval interval, Instant to) {
        return switch (interval) {
            case DAY -> to.minus(30, ChronoUnit.DAYS);
            case WEEK -> to.minus(12 * 7, ChronoUnit.DAYS);
            case MONTH -> to.atOffset(ZoneOffset.UTC).minusMonths(12).toInstant();
        };
    }

    /** An ISO-8601 instant, or a date meaning its start (UTC), within years 1 to 9999 so that calendars apply. */
    private static Instant instant(String name, String value) {
        Instant parsed;
        try {
            parsed = Instant.parse(value.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                parsed = LocalDate.parse(value.trim()).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notADate) {
                parsed = null;
            }
        }
        if (parsed == null || parsed.isBefore(EARLIEST) || !parsed.isBefore(LATEST)) {
            throw DomainException.invalid("invalid-instant", name, name
                    + " must be an ISO-8601 instant (2021-03-01T00:00:00Z) or date (2021-03-01) (got " + value + ")");
        }
        return parsed;
    }
}
