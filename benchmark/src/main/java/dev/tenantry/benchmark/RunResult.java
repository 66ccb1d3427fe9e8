package dev.tenantry.benchmark;

import java.util.List;

/**
 * Everything the report needs. {@code measuredSeconds} runs until the last in-flight call returned. {@code notes}
 * are printed above the table, {@code footer} below it (verdicts, which people look for last), and
 * {@code extraJson} (members without braces, or empty) joins the JSON line: what a scenario measured besides the
 * calls, such as how its data was seeded.
 */
record RunResult(String scenario, int clients, long durationSeconds, double measuredSeconds, List<OperationStats> operations,
                 List<String> errorSamples, List<String> notes, List<String> footer, String extraJson) {

    RunResult(String scenario, int clients, long durationSeconds, double measuredSeconds,
              List<OperationStats> operations, List<String> errorSamples) {
        this(scenario, clients, durationSeconds, measuredSeconds, operations, errorSamples, List.of(), List.of(), "");
    }

    RunResult with(List<String> moreNotes, String moreJson) {
        return with(moreNotes, List.of(), moreJson);
    }

    RunResult with(List<String> moreNotes, List<String> moreFooter, String moreJson) {
        return new RunResult(scenario, clients, durationSeconds, measuredSeconds, operations, errorSamples, moreNotes,
                moreFooter, moreJson);
    }

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
