package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;

/**
 * Entry point of {@code java -jar tenantry-benchmark.jar}. Progress and diagnostics go to stderr so that stdout
 * carries only the report, whose last line is the JSON summary.
 */
public final class BenchmarkMain {

    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int BAD_USAGE = 2;

    private static final List<String> SEEDED = List.of(Options.AUDIT_PAGE, Options.AUDIT_EXPORT, Options.REBUILD);

    private BenchmarkMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            if (e.getMessage() == null) {
                out.println(Options.USAGE);
                return OK;
            }
            err.println(e.getMessage());
            err.println(Options.USAGE);
            return BAD_USAGE;
        }
        if (SEEDED.contains(options.scenario())) {
            return outcome(options, out, err, () -> seeded(options, err));
        }
        if (options.scenario().equals(Options.STARTUP)) {
            return outcome(options, out, err, () -> new StartupScenario(options, err).run());
        }
        if (options.scenario().equals(Options.FAILOVER)) {
            return outcome(options, out, err, () -> new FailoverScenario(options, err).run());
        }

        RunResult result;
        try {
            result = options.scenario().equals(Options.COMMANDS) ? commands(options, err) : benchmark(options, err);
        } catch (AppProcess.StartupException | IOException e) {
            err.println("Could not start the app: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println("The " + options.scenario() + " scenario failed: " + e);
            return FAILED;
        }

        boolean allFailed = result.totalSuccesses() == 0;
        if (allFailed) {
            // Said before the report, because the JSON summary has to stay the last line of the output.
            err.println("Every request failed" + (result.totalCount() == 0 ? " (none completed)" : ""));
        }
        Report.print(result, out);
        return allFailed ? FAILED : OK;
    }

    private static RunResult benchmark(Options options, PrintStream err) throws IOException, InterruptedException {
        if (options.url() != null) {
            return new LoadRun(options, options.url(), err).execute();
        }
        // Stopped before the report is printed, so nothing the shutdown writes can follow the JSON line.
        try (AppProcess app = AppProcess.start(options.appJar(), options.appJvmArgs(), err)) {
            URI baseUrl = app.baseUrl();
            return new LoadRun(options, baseUrl, err).execute();
        }
    }

    private static RunResult commands(Options options, PrintStream err) throws Exception {
        if (options.url() != null) {
            return new CommandsScenario(options, options.url(), options.database(),
                    new MailLog(List.of(options.appLog())), null, err).run();
        }
        try (AppProcess app = AppProcess.start(options.appJar(), options.appJvmArgs(), err)) {
            try {
                return new CommandsScenario(options, app.baseUrl(), app.database(), new MailLog(List.of(app.logFile())),
                        app, err).run();
            } catch (Exception e) {
                app.keepLog();
                throw e;
            }
        }
    }

    /** A scenario that checks what it measures; its outcome says whether that went as expected. */
    private interface Scenario {
        Outcome run() throws Exception;
    }

    private static int outcome(Options options, PrintStream out, PrintStream err, Scenario scenario) {
        Outcome outcome;
        try {
            outcome = scenario.run();
        } catch (AppProcess.StartupException | IOException e) {
            err.println("Could not start the app: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
            return FAILED;
        } catch (Exception e) {
            err.println("The " + options.scenario() + " scenario failed: " + e);
            return FAILED;
        }
        if (!outcome.ok()) {
            err.println("The " + options.scenario() + " scenario did not go as expected: see the report");
        }
        outcome.print(out);
        return outcome.ok() ? OK : FAILED;
    }

    /** The scenarios whose bulk data is seeded in SQL before they measure. */
    private static Outcome seeded(Options options, PrintStream err) throws Exception {
        if (options.url() != null) {
            return new AuditScenarios(options, options.url(), options.database(), null, err).run();
        }
        // Seeded in the JVM's default heap; the scenario restarts the app with --app-jvm-args to measure.
        try (AppProcess app = AppProcess.start(options.appJar(), List.of(), err)) {
            Outcome outcome;
            try {
                outcome = new AuditScenarios(options, app.baseUrl(), app.database(), app, err).run();
            } catch (Exception e) {
                app.keepLog();
                throw e;
            }
            if (!outcome.ok()) {
                app.keepLog();
            }
            return outcome;
        }
    }
}
