package dev.tenantry.api.analytics;

import java.time.Instant;
import java.util.List;

/**
 * @param metric   the metric's key
 * @param interval the interval's key
 * @param from     the start of the first bucket
 * @param to       the end of the last bucket
 * @param currency for MRR, the currency of its cents; {@code null} for counts
 */
public record AnalyticsTimeseries(String metric,
                                  String interval,
                                  Instant from,
                                  Instant to,
                                  String currency,
                                  List<Point> points) {

    /** A bucket {@code [start, end)}: a count of events within it, or for MRR the level at its end. */
    public record Point(Instant start, Instant end, long value) {
    }
}
