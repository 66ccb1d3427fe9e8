package dev.tenantry.infra.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A database reading taken at most once per {@code maxAge}: a scrape reads every gauge one after the other, and they
 * share one reading instead of querying once each. A failed reading is not kept; the gauge shows NaN for it.
 */
final class RecentReading<T> implements Supplier<T> {

    private final Supplier<T> read;
    private final long maxAgeNanos;
    private T value;
    private long takenAt;

    RecentReading(Duration maxAge, Supplier<T> read) {
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    @Override
    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - takenAt >= maxAgeNanos) {
            value = read.get();
            takenAt = now;
        }
        return value;
    }
}
