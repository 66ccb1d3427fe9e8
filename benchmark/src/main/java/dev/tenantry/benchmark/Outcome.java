package dev.tenantry.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a scenario that is not a plain load run prints: lines for people, then one JSON line; {@code ok} false when
 * something it checks failed.
 */
record Outcome(List<String> lines, String json, boolean ok) {

    /** A load run's report (table, notes, JSON line) with the verdict of what the scenario checked. */
    static Outcome of(RunResult result, boolean ok) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Report.print(result, new PrintStream(buffer, true, StandardCharsets.UTF_8));
        String[] printed = buffer.toString(StandardCharsets.UTF_8).strip().split("\n");
        List<String> lines = new ArrayList<>(List.of(printed).subList(0, printed.length - 1));
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        return new Outcome(lines, printed[printed.length - 1], ok);
    }

    void print(PrintStream out) {
        lines.forEach(out::println);
        out.println();
        out.println(json);
    }
}
