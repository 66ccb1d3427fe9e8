package dev.tenantry.benchmark;

import java.util.List;

/** Everything the report needs. {@code measuredSeconds} runs until the last in-flight call returned. */
record RunResult(String scenario, int clients, long durationSeconds, double measuredSeconds, List<OperationStats> operations,
                 List<String> errorSamples) {

    long totalCount() {
        return operations.stream().mapToLong(OperationStats::count).sum();
    }

    long totalErrors() {
        return operations.stream().mapToLong(OperationStats::errors).sum();
    }

    long totalSuccesses() {
        return operations.stream().mapToLong(OperationStats::successes).sum();
    }

    double totalRps() {
        return totalCount() / measuredSeconds;
    }
}
