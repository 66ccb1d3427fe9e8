package dev.tenantry.benchmark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The command mix's figures over the measured window, shared by the commands and failover scenarios. Throughput
 * counts acknowledged commands only, and the percentiles cover them only, as in the per-operation table.
 *
 * @param lagTimeouts   lag samples whose new name was still not visible after {@link CommandLoop#LAG_BOUND_NANOS};
 *                      they count in the lag percentiles at that bound
 * @param lagFirstReads lag samples visible at the first read, whose lag is only that read's own round trip
 */
record CommandFigures(long acknowledged, long errors, double measuredSeconds, Double p50Ms, Double p95Ms,
                      Double p99Ms, int lagSamples, int lagTimeouts, int lagFirstReads, Double lagP50Ms,
                      Double lagP99Ms) {

    static CommandFigures of(List<Recorder> recorders, List<CommandLoop> loops, double measuredSeconds) {
        long[] latencies = OperationStats.sortedLatencies(CommandLoop.COMMANDS, recorders);
        long errors = recorders.stream()
                .mapToLong(recorder -> CommandLoop.COMMANDS.stream().mapToLong(recorder::errors).sum())
                .sum();
        long[] lags = loops.stream().map(CommandLoop::lagNanos).flatMapToLong(Arrays::stream).sorted().toArray();
        int lagTimeouts = loops.stream().mapToInt(CommandLoop::lagTimeouts).sum();
        int lagFirstReads = loops.stream().mapToInt(CommandLoop::lagFirstReads).sum();
        return new CommandFigures(latencies.length, errors, measuredSeconds,
                OperationStats.percentileMs(latencies, 50), OperationStats.percentileMs(latencies, 95),
                OperationStats.percentileMs(latencies, 99), lags.length, lagTimeouts, lagFirstReads,
                OperationStats.percentileMs(lags, 50), OperationStats.percentileMs(lags, 99));
    }

    double commandsPerSecond() {
        return acknowledged / measuredSeconds;
    }

    String commandsLine() {
        return String.format(Locale.ROOT, "Commands: %,d acknowledged in %.1f s, %.1f per second; p50 %s ms, p95 %s ms, "
                        + "p99 %s ms; %,d errors (non-2xx or no answer within 30 s)", acknowledged, measuredSeconds,
                commandsPerSecond(), ms(p50Ms), ms(p95Ms), ms(p99Ms), errors);
    }

    String lagLine() {
        return String.format(Locale.ROOT, "Projection lag (every %dth rename of a client, from its answer until a read "
                        + "of the organization shows the new name, that read included): %d samples, p50 %s ms, p99 %s ms; "
                        + "%d of them visible at the first read%s",
                CommandLoop.LAG_SAMPLE_EVERY, lagSamples, ms(lagP50Ms), ms(lagP99Ms), lagFirstReads,
                lagTimeouts == 0 ? "" : String.format(Locale.ROOT, "; %d not visible within %d s (counted at %d s)",
                        lagTimeouts, CommandLoop.LAG_BOUND_NANOS / 1_000_000_000L,
                        CommandLoop.LAG_BOUND_NANOS / 1_000_000_000L));
    }

    /** JSON members without braces. */
    String json() {
        return "\"commandsPerSecond\":" + number(commandsPerSecond())
                + ",\"p50Ms\":" + number(p50Ms)
                + ",\"p95Ms\":" + number(p95Ms)
                + ",\"p99Ms\":" + number(p99Ms)
                + ",\"lagP50Ms\":" + number(lagP50Ms)
                + ",\"lagP99Ms\":" + number(lagP99Ms)
                + ",\"lagSamples\":" + lagSamples
                + ",\"lagTimeouts\":" + lagTimeouts
                + ",\"lagFirstReads\":" + lagFirstReads
                + ",\"acknowledgedCommands\":" + acknowledged
                + ",\"errors\":" + errors;
    }

    static String ms(Double value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    static String number(Double value) {
        return value == null ? "null" : String.format(Locale.ROOT, "%.2f", value);
    }
}
