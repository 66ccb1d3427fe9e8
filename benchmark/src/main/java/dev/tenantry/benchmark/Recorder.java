package dev.tenantry.benchmark;

import java.util.Arrays;

/**
 * One client's measurements. Each client thread owns its recorder, so recording needs no locking and cannot
 * add contention to the latencies being measured; recorders are merged after the clients have stopped.
 */
final class Recorder {

    private final long[][] latencies = new long[Operation.values().length][1024];
    private final int[] sizes = new int[Operation.values().length];
    private final long[] errors = new long[Operation.values().length];

    void success(Operation operation, long nanos) {
        int i = operation.ordinal();
        if (sizes[i] == latencies[i].length) {
            latencies[i] = Arrays.copyOf(latencies[i], sizes[i] * 2);
        }
        latencies[i][sizes[i]++] = nanos;
    }

    void error(Operation operation) {
        errors[operation.ordinal()]++;
    }

    long[] latencies(Operation operation) {
        return Arrays.copyOf(latencies[operation.ordinal()], sizes[operation.ordinal()]);
    }

    long errors(Operation operation) {
        return errors[operation.ordinal()];
    }
}
