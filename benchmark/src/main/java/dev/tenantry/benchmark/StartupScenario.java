package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code --scenario startup}: how long a fresh app takes until it is healthy, and how much memory it then holds
 * while idle. Each run starts the jar as the README does, on an empty data dir, so the embedded PostgreSQL's
 * initdb and every migration are part of it, as they are on a first start. One app at a time.
 */
final class StartupScenario {

    /** Long enough for startup's garbage to be collected and lazy initialisation to settle. */
    static final Duration IDLE = Duration.ofSeconds(10);
    static final double TARGET_STARTUP_MS = 15_000;
    static final double TARGET_RSS_MB = 450;

    private final Options options;
    private final PrintStream log;

    StartupScenario(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    /**
     * One start: the time until healthy, the JVM's resident memory after idling, and whether the JVM used the
     * class-data-sharing archive (it starts without one, with a warning, when the archive does not fit the jars).
     */
    record Run(double startupMs, double idleRssMb, boolean archiveUsed) {
    }

    Outcome run() throws Exception {
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= options.runs(); i++) {
            log.printf("Start %d of %d%n", i, options.runs());
            try (AppProcess app = AppProcess.startAsReadme(options.appJar(), options.appJvmArgs(), log)) {
                double startupMs = app.startupNanos() / 1e6;
                log.printf("Idling %d s before reading the resident memory...%n", IDLE.toSeconds());
                Thread.sleep(IDLE.toMillis());
                if (!app.isAlive()) {
                    throw new IllegalStateException("the app died while idling; see its log above");
                }
                double rssMb = app.residentKb() / 1024.0;
                runs.add(new Run(startupMs, rssMb, archiveUsed(app, archive())));
                log.printf(Locale.ROOT, "Run %d: healthy after %.0f ms, %.0f MB resident after %d s idle%n", i,
                        startupMs, rssMb, IDLE.toSeconds());
            }
        }
        double startupMs = median(runs.stream().map(Run::startupMs).toList());
        double rssMb = median(runs.stream().map(Run::idleRssMb).toList());
        List<Target> targets = List.of(
                Target.atMost("startup", "startup (median)", startupMs, " ms", TARGET_STARTUP_MS),
                Target.atMost("idleRss", "idle RSS (median)", rssMb, " MB", TARGET_RSS_MB));

        List<String> lines = new ArrayList<>();
        List<String> jvmOptions = new ArrayList<>(AppProcess.readmeJvmOptions(options.appJar()));
        jvmOptions.addAll(options.appJvmArgs());
        lines.add("java " + String.join(" ", jvmOptions) + " -jar " + options.appJar()
                + " --server.port=<free> --tenantry.data-dir=<empty temp dir>");
        for (int i = 0; i < runs.size(); i++) {
            lines.add(String.format(Locale.ROOT, "run %d: healthy after %,.0f ms; %.0f MB resident after %d s idle",
                    i + 1, runs.get(i).startupMs(), runs.get(i).idleRssMb(), IDLE.toSeconds()));
        }
        if (!runs.stream().allMatch(Run::archiveUsed)) {
            lines.add("The JVM did not use the class-data-sharing archive " + archive() + " in every run: missing "
                    + "(built with -Dtenantry.skip-training?) or made from other jars; see the app log's cds warning.");
        }
        lines.add(String.format(Locale.ROOT, "median of %d: startup %,.0f ms, idle RSS %.0f MB (the JVM only: the "
                + "embedded PostgreSQL's processes are not counted)", runs.size(), startupMs, rssMb));
        lines.add("");
        targets.forEach(target -> lines.add(target.line()));

        String json = "{\"scenario\":" + Json.quote(options.scenario())
                + ",\"runs\":" + runs.size()
                + ",\"appJvmArgs\":" + Json.quote(String.join(" ", options.appJvmArgs()))
                + ",\"jvmOptions\":" + Json.quote(String.join(" ", jvmOptions))
                + String.format(Locale.ROOT, ",\"startupMs\":%.0f,\"idleRssMb\":%.1f", startupMs, rssMb)
                + ",\"startupMsRuns\":" + list(runs, "%.0f", Run::startupMs)
                + ",\"idleRssMbRuns\":" + list(runs, "%.1f", Run::idleRssMb)
                + ",\"archiveUsed\":" + runs.stream().allMatch(Run::archiveUsed)
                + ",\"idleSeconds\":" + IDLE.toSeconds()
                + ",\"targets\":{" + targets.stream().map(Target::json).collect(Collectors.joining(",")) + "}}";
        return new Outcome(lines, json, true);
    }

    private static String list(List<Run> runs, String format, ToDoubleFunction<Run> value) {
        return runs.stream().map(run -> String.format(Locale.ROOT, format, value.applyAsDouble(run)))
                .collect(Collectors.joining(",", "[", "]"));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /** The archive the JVM is told to use: the README's, unless {@code --app-jvm-args} name another. */
    private Path archive() {
        String option = "-XX:SharedArchiveFile=";
        List<String> jvmOptions = new ArrayList<>(AppProcess.readmeJvmOptions(options.appJar()));
        jvmOptions.addAll(options.appJvmArgs());
        return jvmOptions.stream().filter(arg -> arg.startsWith(option)).reduce((first, last) -> last)
                .map(arg -> Path.of(arg.substring(option.length()))).orElseThrow();
    }

    /** The archive exists and the JVM did not refuse it (it warns on stdout, which is the app log). */
    private static boolean archiveUsed(AppProcess app, Path archive) throws IOException {
        if (!Files.isRegularFile(archive)) {
            return false;
        }
        try (Stream<String> lines = Files.lines(app.logFile())) {
            return lines.noneMatch(line -> line.contains("[cds") && line.contains("shared archive"));
        }
    }
}
