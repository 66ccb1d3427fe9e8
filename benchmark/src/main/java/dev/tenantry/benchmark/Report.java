package dev.tenantry.benchmark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;

/** Prints the result for people (a table) and for scripts (one JSON line, always the very last line). */
final class Report {

    // Wide enough for the longest operation key (revokeInvitation).
    private static final String ROW = "%-16s %9s %8s %10s %9s %9s %9s%n";
    private static final String TOTAL_ROW = "%-16s %9s %8s %10s%n";

    private Report() {
    }

    static void print(RunResult result, PrintStream out) {
        if (!result.errorSamples().isEmpty()) {
            out.println("First errors:");
            result.errorSamples().forEach(sample -> out.println("  " + sample));
            out.println();
        }
        result.notes().forEach(out::println);
        out.printf(Locale.ROOT, "%d clients, %.1f s measured%n", result.clients(), result.measuredSeconds());
        out.printf(Locale.ROOT, ROW, "operation", "count", "errors", "req/s", "p50 ms", "p95 ms", "p99 ms");
        for (OperationStats stats : result.operations()) {
            out.printf(Locale.ROOT, ROW, stats.operation().key(), stats.count(), stats.errors(),
                    decimal(stats.rps()), decimal(stats.p50Ms()), decimal(stats.p95Ms()), decimal(stats.p99Ms()));
        }
        out.printf(Locale.ROOT, TOTAL_ROW, "total", result.totalCount(), result.totalErrors(), decimal(result.totalRps()));
        if (!result.footer().isEmpty()) {
            out.println();
            result.footer().forEach(out::println);
        }
        out.println();
        out.println(json(result));
    }

    static String json(RunResult result) {
        String operations = result.operations().stream()
                .map(stats -> Json.quote(stats.operation().key()) + ":{"
                        + "\"count\":" + stats.count()
                        + ",\"errors\":" + stats.errors()
                        + ",\"rps\":" + number(stats.rps())
                        + ",\"p50Ms\":" + number(stats.p50Ms())
                        + ",\"p95Ms\":" + number(stats.p95Ms())
                        + ",\"p99Ms\":" + number(stats.p99Ms()) + "}")
                .collect(Collectors.joining(",", "{", "}"));
        return "{\"scenario\":" + Json.quote(result.scenario())
                + ",\"clients\":" + result.clients()
                + ",\"durationSeconds\":" + result.durationSeconds()
                + ",\"measuredSeconds\":" + number(result.measuredSeconds())
                + ",\"totalRps\":" + number(result.totalRps())
                + ",\"operations\":" + operations
                + (result.extraJson().isEmpty() ? "" : "," + result.extraJson()) + "}";
    }

    private static String decimal(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String number(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.2f", value);
    }
}
