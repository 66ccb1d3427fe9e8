package dev.tenantry.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code --scenario commands}: every client runs the command mix ({@link CommandLoop}) on its own organization, and
 * the database's own insert rate, measured on the app's PostgreSQL right before and right after, is the yardstick:
 * commands per second as a ratio of it says more on a shared, noisy machine than either figure alone.
 */
final class CommandsScenario {

    /** Registration is bcrypt: more parallel set-ups than this only queue for the two cores. */
    private static final int SETUP_THREADS = 4;

    static final double TARGET_RATIO = 0.03;
    static final double TARGET_P99_MS = 250;
    static final double TARGET_LAG_P99_MS = 500;

    private final Options options;
    private final URI baseUrl;
    private final Database database;
    private final MailLog mails;
    /** Null when the benchmark did not start the app (--url): its log is not ours to summarise then. */
    private final AppProcess app;
    private final PrintStream log;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    CommandsScenario(Options options, URI baseUrl, Database database, MailLog mails, AppProcess app, PrintStream log) {
        this.options = options;
        this.baseUrl = baseUrl;
        this.database = database;
        this.mails = mails;
        this.app = app;
        this.log = log;
    }

    RunResult run() throws Exception {
        long setUpStarted = System.nanoTime();
        List<OwnTenant> tenants = setUpTenants(baseUrl, mails, runId, options.clients(), log);
        double setUpSeconds = (System.nanoTime() - setUpStarted) / 1e9;

        DatabaseBaseline baseline = new DatabaseBaseline(database, options.clients(), options.baselineDuration(), log);
        List<Recorder> recorders = new ArrayList<>();
        List<CommandLoop> loops = new ArrayList<>();
        RunResult result;
        DatabaseBaseline.Result before;
        DatabaseBaseline.Result after;
        baseline.createTable();
        try {
            before = baseline.run("before");
            result = new LoadRun(options, baseUrl, log).execute(runId, CommandLoop.COMMANDS,
                    (client, api, window, recorder, errorSamples, progress) -> {
                        CommandLoop loop = new CommandLoop(tenants.get(client - 1), runId,
                                List.of(new CommandLoop.Node("app", api)), 0, window, recorder, errorSamples, progress);
                        recorders.add(recorder);
                        loops.add(loop);
                        return loop;
                    });
            after = baseline.run("after");
        } finally {
            baseline.dropTable();
        }

        CommandFigures figures = CommandFigures.of(recorders, loops, result.measuredSeconds());
        double baselineTps = (before.tps() + after.tps()) / 2;
        double ratio = figures.commandsPerSecond() / baselineTps;
        List<Target> targets = targets(figures, ratio);

        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "Set up %d organizations (owner, and a member who joined by invitation) "
                + "in %.1f s, before the warm-up", tenants.size(), setUpSeconds));
        notes.add("Database baseline (" + options.clients() + " connections, single-row inserts of a "
                + "~600-byte JSON document, autocommit): before " + before.describe() + "; after " + after.describe());
        AppProcess.LogSummary appLog = app == null ? null : app.logSummary();
        if (appLog != null) {
            notes.add(appLog.line());
        }
        notes.add("");
        List<String> footer = new ArrayList<>();
        footer.add(figures.commandsLine());
        footer.add(figures.lagLine());
        footer.add(String.format(Locale.ROOT, "Baseline TPS %.0f (mean of %.0f before and %.0f after); ratio "
                + "commands/s / baseline TPS = %.4f", baselineTps, before.tps(), after.tps(), ratio));
        targets.forEach(target -> footer.add(target.line()));
        String json = figures.json()
                + ",\"baselineTps\":" + CommandFigures.number(baselineTps)
                + String.format(Locale.ROOT, ",\"ratio\":%.4f", ratio)
                + ",\"baseline\":{\"seconds\":" + options.baselineDuration().toSeconds()
                + ",\"connections\":" + options.clients()
                + ",\"beforeTps\":" + CommandFigures.number(before.tps())
                + ",\"afterTps\":" + CommandFigures.number(after.tps()) + "}"
                + ",\"setUpSeconds\":" + CommandFigures.number(setUpSeconds)
                + (appLog == null ? "" : ",\"appLog\":" + appLog.json())
                + ",\"targets\":{" + String.join(",", targets.stream().map(Target::json).toList()) + "}";
        return result.with(notes, footer, json);
    }

    static List<Target> targets(CommandFigures figures, double ratio) {
        return List.of(
                Target.atLeast("ratio", "commands/s / baseline TPS", ratio, "", TARGET_RATIO),
                Target.atMost("p99", "command p99", figures.p99Ms(), " ms", TARGET_P99_MS),
                Target.atMost("lagP99", "projection lag p99", figures.lagP99Ms(), " ms", TARGET_LAG_P99_MS));
    }

    /** Every client's organization, set up a few at a time; any failure fails the scenario, naming the client. */
    static List<OwnTenant> setUpTenants(URI baseUrl, MailLog mails, String runId, int clients, PrintStream log)
            throws InterruptedException {
        log.printf("Setting up %d organizations, each with an owner and a member who joins by invitation...%n",
                clients);
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(clients, SETUP_THREADS));
        try {
            List<Future<OwnTenant>> setUps = new ArrayList<>();
            for (int client = 1; client <= clients; client++) {
                int number = client;
                setUps.add(pool.submit(() -> OwnTenant.setUp(new TenantryApi(baseUrl), mails, runId, number)));
            }
            List<OwnTenant> tenants = new ArrayList<>();
            for (Future<OwnTenant> setUp : setUps) {
                try {
                    tenants.add(setUp.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("setting up failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return tenants;
        } finally {
            pool.shutdownNow();
        }
    }
}
