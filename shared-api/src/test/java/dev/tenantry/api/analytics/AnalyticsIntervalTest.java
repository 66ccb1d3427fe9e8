package dev.tenantry.api.analytics;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsIntervalTest {

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    @Test
    void bucketsStartAtUtcMidnightOnMondayAndOnTheFirstOfTheMonth() {
        Instant sundayNight = at("2021-02-14T23:59:59Z");

        assertThat(AnalyticsInterval.DAY.floor(sundayNight)).isEqualTo(at("2021-02-14T00:00:00Z"));
        assertThat(AnalyticsInterval.WEEK.floor(sundayNight)).isEqualTo(at("2021-02-08T00:00:00Z"));
        assertThat(AnalyticsInterval.WEEK.floor(at("2021-02-15T00:00:00Z"))).isEqualTo(at("2021-02-15T00:00:00Z"));
        assertThat(AnalyticsInterval.MONTH.floor(sundayNight)).isEqualTo(at("2021-02-01T00:00:00Z"));
        assertThat(AnalyticsInterval.MONTH.next(at("2021-02-01T00:00:00Z"))).isEqualTo(at("2021-03-01T00:00:00Z"));
    }

    @Test
    void bucketsBetweenCountsPartialBucketsAtBothEnds() {
        assertThat(AnalyticsInterval.DAY.bucketsBetween(at("2021-03-17T12:00:00Z"), at("2021-03-24T00:00:00Z")))
                .isEqualTo(7);
        assertThat(AnalyticsInterval.DAY.bucketsBetween(at("2021-03-17T12:00:00Z"), at("2021-03-24T00:00:01Z")))
                .isEqualTo(8);
        assertThat(AnalyticsInterval.WEEK.bucketsBetween(at("2021-02-10T00:00:00Z"), at("2021-03-01T00:00:00Z")))
                .isEqualTo(3);
        assertThat(AnalyticsInterval.MONTH.bucketsBetween(at("2021-01-15T00:00:00Z"), at("2022-01-01T00:00:00Z")))
                .isEqualTo(12);
        assertThat(AnalyticsInterval.MONTH.bucketsBetween(at("2021-01-15T00:00:00Z"), at("2021-01-15T00:00:00Z")))
                .isZero();
    }

    @Test
    void intervalsAreFoundByTheirKeys() {
        assertThat(AnalyticsInterval.ofKey("week")).contains(AnalyticsInterval.WEEK);
        assertThat(AnalyticsInterval.ofKey("hour")).isEmpty();
    }
}
