package dev.tenantry.benchmark;

import java.time.Duration;

/** The run's timeline in {@link System#nanoTime()} terms: warm-up until {@code measureFrom}, then measuring until {@code end}. */
record Window(long start, long measureFrom, long end) {

    static Window startingNow(Duration warmup, Duration duration) {
        long now = System.nanoTime();
        long measureFrom = now + warmup.toNanos();
        return new Window(now, measureFrom, measureFrom + duration.toNanos());
    }

    /** A call counts if it started inside the measured part, even if it finishes just after the end. */
    boolean measures(long callStartedAt) {
        return callStartedAt - measureFrom >= 0 && callStartedAt - end < 0;
    }

    boolean isOver() {
        return System.nanoTime() - end >= 0;
    }

    boolean isWarmingUp() {
        return System.nanoTime() - measureFrom < 0;
    }

    double secondsSinceStart() {
        return (System.nanoTime() - start) / 1e9;
    }
}
