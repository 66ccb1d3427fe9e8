package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;

/**
 * Entry point of {@code java -jar tenantry-benchmark.jar}. Progress and diagnostics go to stderr so that stdout
 * carries only the report, whose last line is the JSON summary.
 */
public final class BenchmarkMain {

    private static final int OK = 0;
    private static final int FAILED = 1;
    private static final int BAD_USAGE = 2;

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

        RunResult result;
        try {
            result = benchmark(options, err);
        } catch (AppProcess.StartupException | IOException e) {
            err.println("Could not start the app: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("Interrupted");
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
        try (AppProcess app = AppProcess.start(options.appJar(), err)) {
            URI baseUrl = app.baseUrl();
            return new LoadRun(options, baseUrl, err).execute();
        }
    }
}
