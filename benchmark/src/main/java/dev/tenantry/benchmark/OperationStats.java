package dev.tenantry.benchmark;

import java.util.Arrays;
import java.util.List;

/**
 * Summary of one operation over the measured window. {@code count} includes errors; the percentiles cover
 * successful calls only, because a fast 4xx or a slow timeout says nothing about how long the real work takes.
 * The percentiles are null when nothing succeeded.
 */
record OperationStats(Operation operation, long count, long errors, double rps, Double p50Ms, Double p95Ms, Double p99Ms) {

    static OperationStats of(Operation operation, List<Recorder> recorders, double seconds) {
        long[] all = sortedLatencies(List.of(operation), recorders);
        long errors = recorders.stream().mapToLong(recorder -> recorder.errors(operation)).sum();
        long count = all.length + errors;
        return new OperationStats(operation, count, errors, count / seconds,
                percentileMs(all, 50), percentileMs(all, 95), percentileMs(all, 99));
    }

    long successes() {
        return count - errors;
    }

    /** The successful calls' latencies of all these operations together, in nanoseconds, sorted. */
    static long[] sortedLatencies(List<Operation> operations, List<Recorder> recorders) {
        return recorders.stream()
                .flatMap(recorder -> operations.stream().map(recorder::latencies))
                .flatMapToLong(Arrays::stream)
                .sorted()
                .toArray();
    }

    /** Nearest-rank percentile: always a latency that was actually observed. */
    static Double percentileMs(long[] sortedNanos, int percentile) {
        if (sortedNanos.length == 0) {
            return null;
        }
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }
}
