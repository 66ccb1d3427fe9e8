package dev.tenantry.infra.admin;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.analytics.AnalyticsInterval;
import dev.tenantry.api.analytics.AnalyticsMetric;
import dev.tenantry.api.analytics.AnalyticsOverview;
import dev.tenantry.api.analytics.AnalyticsTimeseries;
import dev.tenantry.api.analytics.FindAnalyticsOverviewQuery;
import dev.tenantry.api.analytics.FindAnalyticsTimeseriesQuery;
import dev.tenantry.api.analytics.FindSignupCohortsQuery;
import dev.tenantry.api.analytics.SignupCohorts;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Platform analytics for platform admins (the {@code /api/admin/**} rule of the security configuration), from the
 * platform-analytics read model. Figures follow event time, so a rebuild of that read model reproduces them.
 */
@RestController
@RequestMapping("/api/admin/analytics")
@Tag(name = "Platform administration")
class PlatformAnalyticsController {

    /** Bounds one answer: about 2.7 years of days. */
    static final int MAX_BUCKETS = 1000;
    static final int MAX_COHORTS = 120;
    static final int MAX_COHORT_AGE = 120;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-01-01T00:00:00Z");

    private final QueryGateway queries;
    private final Clock clock;

    PlatformAnalyticsController(QueryGateway queries, Clock clock) {
        this.clock = clock;
        this.queries = queries;
    }

    @GetMapping("/overview")
    @Operation(summary = "Organizations, paying organizations and MRR by plan, ARPA, trialing and past due (platform admin)")
    AnalyticsOverview overview() {
        return queries.query(new FindAnalyticsOverviewQuery(), ResponseTypes.instanceOf(AnalyticsOverview.class))
                .join();
    }

    @GetMapping("/timeseries")
    @Operation(summary = "One metric per UTC day, ISO week or month over [from, to) (platform admin)")
    AnalyticsTimeseries timeseries(@RequestParam(required = false) String metric,
                                   @RequestParam(required = false) String interval,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        if (metric == null || metric.isBlank()) {
            throw DomainException.invalid("invalid-metric", "metric",
                    "metric is required: one of " + String.join(", ", AnalyticsMetric.keys()));
        }
        AnalyticsMetric chosen = AnalyticsMetric.ofKey(metric).orElseThrow(() -> DomainException.invalid(
                "invalid-metric", "metric", "metric must be one of " + String.join(", ", AnalyticsMetric.keys())
                        + " (got " + metric + ")"));
        AnalyticsInterval bucket = interval == null || interval.isBlank() ? AnalyticsInterval.DAY
                : AnalyticsInterval.ofKey(interval).orElseThrow(() -> DomainException.invalid("invalid-interval",
                "interval", "interval must be one of " + String.join(", ", AnalyticsInterval.keys())
                        + " (got " + interval + ")"));
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? defaultFrom(bucket, end) : instant("from", from);
        if (!start.isBefore(end)) {
            throw DomainException.invalid("invalid-range", "from", "from must be before to");
        }
        if (bucket.bucketsBetween(start, end) > MAX_BUCKETS) {
            throw DomainException.invalid("too-many-buckets", "interval", "from and to span more than "
                    + MAX_BUCKETS + " " + bucket.key() + " buckets: narrow the range or use a longer interval");
        }
        return queries.query(new FindAnalyticsTimeseriesQuery(chosen, bucket, start, end),
                ResponseTypes.instanceOf(AnalyticsTimeseries.class)).join();
    }

    @GetMapping("/cohorts")
    @Operation(summary = "Per signup month (UTC), the share of organizations paying 1, 2, 3 … months later (platform admin)")
    SignupCohorts cohorts(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String months) {
        Instant now = clock.instant();
        YearMonth last = to == null || to.isBlank() ? YearMonth.from(now.atOffset(ZoneOffset.UTC)) : month("to", to);
        YearMonth first = from == null || from.isBlank() ? last.minusMonths(11) : month("from", from);
        if (first.isAfter(last)) {
            throw DomainException.invalid("invalid-range", "from", "from must not be after to");
        }
        if (first.until(last, ChronoUnit.MONTHS) >= MAX_COHORTS) {
            throw DomainException.invalid("too-many-cohorts", "from", "from and to span more than " + MAX_COHORTS
                    + " months");
        }
        int ages = 12;
        if (months != null && !months.isBlank()) {
            try {
                ages = Integer.parseInt(months.trim());
            } catch (NumberFormatException e) {
                ages = -1;
            }
            if (ages < 1 || ages > MAX_COHORT_AGE) {
                throw DomainException.invalid("invalid-months", "months", "months must be a whole number from 1 to "
                        + MAX_COHORT_AGE + " (got " + months + ")");
            }
        }
        return queries.query(new FindSignupCohortsQuery(first, last, ages, now),
                ResponseTypes.instanceOf(SignupCohorts.class)).join();
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

    private static YearMonth month(String name, String value) {
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw DomainException.invalid("invalid-month", name, name + " must be a month as 2021-03 (got "
                    + value + ")");
        }
    }
}
