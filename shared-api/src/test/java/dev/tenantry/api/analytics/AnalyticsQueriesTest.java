package dev.tenantry.api.analytics;

import dev.tenantry.api.DomainException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AnalyticsQueriesTest {

    private static final Instant NOW = Instant.parse("2021-03-17T12:00:00Z");

    private static void assertRefused(ThrowingCallable query, String code, String field, String detail) {
        DomainException refusal = catchThrowableOfType(DomainException.class, query);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.getMessage()).contains(detail);
    }

    private static FindAnalyticsTimeseriesQuery series(String metric, String interval, String from, String to) {
        return FindAnalyticsTimeseriesQuery.of(metric, interval, from, to, NOW);
    }

    @Test
    void aSeriesIsOfDaysUpToNowOverAboutThirtyBucketsByDefault() {
        FindAnalyticsTimeseriesQuery days = series("mrr", null, null, " ");
        assertThat(days.metric()).isEqualTo(AnalyticsMetric.MRR);
        assertThat(days.interval()).isEqualTo(AnalyticsInterval.DAY);
        assertThat(days.to()).isEqualTo(NOW);
        assertThat(days.from()).isEqualTo(Instant.parse("2021-02-15T12:00:00Z"));
        assertThat(series("mrr", "week", null, null).from()).isEqualTo(Instant.parse("2020-12-23T12:00:00Z"));
        assertThat(series("mrr", "month", null, null).from()).isEqualTo(Instant.parse("2020-03-17T12:00:00Z"));
        assertThat(series("new_paid_subscriptions", "day", "2021-03-01", "2021-03-02T06:00:00Z"))
                .isEqualTo(new FindAnalyticsTimeseriesQuery(AnalyticsMetric.NEW_PAID_SUBSCRIPTIONS,
                        AnalyticsInterval.DAY, Instant.parse("2021-03-01T00:00:00Z"),
                        Instant.parse("2021-03-02T06:00:00Z")));
    }

    @Test
    void aSeriesNamesItsMetricAndIntervalFromTheKnownOnes() {
        assertRefused(() -> series(null, "day", null, null), "invalid-metric", "metric", "is required");
        assertRefused(() -> series(" ", "day", null, null), "invalid-metric", "metric", "is required");
        assertRefused(() -> series("revenue", null, null, null), "invalid-metric", "metric", "(got revenue)");
        assertRefused(() -> series("mrr", "hour", null, null), "invalid-interval", "interval", "day, week, month");
    }

    @Test
    void aSeriesTakesInstantsOrDatesWithinTheCalendarsYears() {
        assertThat(series("mrr", null, "0001-01-01T00:00:00Z", "0001-01-02").from())
                .isEqualTo(Instant.parse("0001-01-01T00:00:00Z"));
        assertRefused(() -> series("mrr", null, "yesterday", null), "invalid-instant", "from", "ISO-8601");
        assertRefused(() -> series("mrr", null, null, "2021-13-01"), "invalid-instant", "to", "ISO-8601");
        assertRefused(() -> series("mrr", null, "-999999999-01-01T00:00:00Z", null), "invalid-instant", "from",
                "ISO-8601");
        assertRefused(() -> series("mrr", null, null, "9999-01-01"), "invalid-instant", "to", "ISO-8601");
        assertRefused(() -> series("mrr", null, "yesterday", "tomorrow"), "invalid-instant", "to", "tomorrow");
    }

    @Test
    void aSeriesRunsForwardOverAtMostAThousandBuckets() {
        assertRefused(() -> series("mrr", null, "2021-02-01", "2021-02-01"), "invalid-range", "from", "before");
        assertRefused(() -> series("mrr", null, "2021-03-01", "2021-02-01"), "invalid-range", "from", "before");
        Instant start = Instant.parse("2020-01-01T00:00:00Z");
        Instant thousandDays = start.plusSeconds(1000L * 86_400);
        assertThat(new FindAnalyticsTimeseriesQuery(AnalyticsMetric.MRR, AnalyticsInterval.DAY, start, thousandDays)
                .to()).isEqualTo(thousandDays);
        assertRefused(() -> new FindAnalyticsTimeseriesQuery(AnalyticsMetric.MRR, AnalyticsInterval.DAY, start,
                thousandDays.plusSeconds(1)), "too-many-buckets", "interval", "1000 day buckets");
        assertThat(series("mrr", "month", "2000-01-01", "2021-01-01").interval()).isEqualTo(AnalyticsInterval.MONTH);
    }

    @Test
    void cohortsAreTheTwelveMonthsUpToNowsWithTwelveAgesByDefault() {
        FindSignupCohortsQuery cohorts = FindSignupCohortsQuery.of(null, "", null, NOW);
        assertThat(cohorts).isEqualTo(new FindSignupCohortsQuery(YearMonth.parse("2020-04"),
                YearMonth.parse("2021-03"), 12, NOW));
        assertThat(FindSignupCohortsQuery.of("2021-01", "2021-01", " 120 ", NOW))
                .isEqualTo(new FindSignupCohortsQuery(YearMonth.parse("2021-01"), YearMonth.parse("2021-01"), 120,
                        NOW));
        assertThat(FindSignupCohortsQuery.of(null, "2021-12", "1", NOW).from()).isEqualTo(YearMonth.parse("2021-01"));
    }

    @Test
    void cohortsAreRefusedOutsideTheirBounds() {
        assertRefused(() -> FindSignupCohortsQuery.of("2021-1", null, null, NOW), "invalid-month", "from", "2021-03");
        assertRefused(() -> FindSignupCohortsQuery.of(null, "March", null, NOW), "invalid-month", "to", "(got March)");
        assertRefused(() -> FindSignupCohortsQuery.of("2021-05", "2021-04", null, NOW), "invalid-range", "from",
                "after");
        assertThat(FindSignupCohortsQuery.of("2011-05", "2021-04", null, NOW).from())
                .isEqualTo(YearMonth.parse("2011-05"));
        assertRefused(() -> FindSignupCohortsQuery.of("2011-04", "2021-04", null, NOW), "too-many-cohorts", "from",
                "120");
        assertRefused(() -> FindSignupCohortsQuery.of(null, null, "0", NOW), "invalid-months", "months", "1 to 120");
        assertRefused(() -> FindSignupCohortsQuery.of(null, null, "121", NOW), "invalid-months", "months", "(got 121)");
        assertRefused(() -> FindSignupCohortsQuery.of(null, null, "a dozen", NOW), "invalid-months", "months",
                "(got a dozen)");
        assertRefused(() -> new FindSignupCohortsQuery(YearMonth.parse("2021-01"), YearMonth.parse("2021-01"), 0,
                NOW), "invalid-months", "months", "(got 0)");
        assertRefused(() -> FindSignupCohortsQuery.of("2021-05", "2021-04", "0", NOW), "invalid-range", "from",
                "after");
    }
}
