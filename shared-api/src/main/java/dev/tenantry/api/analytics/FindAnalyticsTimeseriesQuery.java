package dev.tenantry.api.analytics;

import java.time.Instant;

/** One metric over {@code [from, to)}, in buckets of the interval; the first bucket starts at {@code interval.floor(from)}. */
public record FindAnalyticsTimeseriesQuery(AnalyticsMetric metric,
                                           AnalyticsInterval interval,
                                           Instant from,
                                           Instant to) {
}
