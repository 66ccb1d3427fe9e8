package dev.tenantry.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Drives all clients through warm-up and the measured window, then merges their recorders. */
final class LoadRun {

    private static final long PROGRESS_EVERY_SECONDS = 5;
    // Calls time out after 30 s, so clients that outlive the window by more than this are stuck, not busy.
    private static final long STOP_GRACE_SECONDS = 60;

    private final Options options;
    private final URI baseUrl;
    private final PrintStream log;

    LoadRun(Options options, URI baseUrl, PrintStream log) {
        this.options = options;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** Builds the loop one client runs; each client gets its own API client, recorder and number. */
    interface ClientFactory {
        Runnable create(int clientNumber, TenantryApi api, Window window, Recorder recorder, ErrorSamples errorSamples,
                        Progress progress);
    }

    /** The signup and one-tenant scenarios: the clients write, registering and renaming. */
    RunResult execute() throws InterruptedException {
        String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        ClientLoop.SharedTenant shared = options.scenario().equals(Options.ONE_TENANT) ? sharedTenant(runId) : null;
        List<Operation> operations = List.of(Operation.REGISTER, Operation.CREATE_ORG, Operation.RENAME_ORG);
        return execute(runId, operations, (client, api, window, recorder, errorSamples, progress) ->
                new ClientLoop(client, runId, api, window, recorder, errorSamples, progress, shared));
    }

    RunResult execute(String runId, List<Operation> measured, ClientFactory factory) throws InterruptedException {
        return execute(runId, measured, factory, window -> { });
    }

    /** @param started told the run's window before the first client starts, to schedule something within it */
    RunResult execute(String runId, List<Operation> measured, ClientFactory factory, Consumer<Window> started)
            throws InterruptedException {
        ErrorSamples errorSamples = new ErrorSamples();
        Progress progress = new Progress();
        List<Recorder> recorders = new ArrayList<>();
        log.printf("Benchmarking %s with %d clients: %d s warm-up, %d s measured (run %s)%n", baseUrl,
                options.clients(), options.warmup().toSeconds(), options.duration().toSeconds(), runId);

        Window window = Window.startingNow(options.warmup(), options.duration());
        started.accept(window);
        ExecutorService clients = Executors.newFixedThreadPool(options.clients(), daemon("bench-client"));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(daemon("bench-progress"));
        try {
            ticker.scheduleAtFixedRate(() -> printProgress(window, progress),
                    PROGRESS_EVERY_SECONDS, PROGRESS_EVERY_SECONDS, TimeUnit.SECONDS);
            for (int client = 1; client <= options.clients(); client++) {
                Recorder recorder = new Recorder();
                recorders.add(recorder);
                // A client of its own per simulated user: one shared HttpClient funnels all traffic through a
                // single selector thread, which would make the benchmark, not the app, the bottleneck.
                clients.execute(factory.create(client, new TenantryApi(baseUrl), window, recorder, errorSamples,
                        progress));
            }
            clients.shutdown();
            long waitNanos = Math.max(0, window.end() - System.nanoTime()) + TimeUnit.SECONDS.toNanos(STOP_GRACE_SECONDS);
            if (!clients.awaitTermination(waitNanos, TimeUnit.NANOSECONDS)) {
                log.println("Some clients did not stop in time; their unfinished calls are not counted.");
            }
        } finally {
            clients.shutdownNow();
            ticker.shutdownNow();
            // A progress line printed after this point would land in the middle of the report.
            ticker.awaitTermination(1, TimeUnit.SECONDS);
        }
        double measuredSeconds = (Math.max(System.nanoTime(), window.end()) - window.measureFrom()) / 1e9;

        List<OperationStats> operations = measured.stream()
                .map(operation -> OperationStats.of(operation, recorders, measuredSeconds))
                .toList();
        return new RunResult(options.scenario(), options.clients(), options.duration().toSeconds(), measuredSeconds,
                operations, errorSamples.samples());
    }

    /** The owner and organization all clients of the one-tenant scenario write to. */
    private ClientLoop.SharedTenant sharedTenant(String runId) {
        TenantryApi api = new TenantryApi(baseUrl);
        try {
            Call registered = api.register("bench-owner-" + runId + "@example.com", "Bench-password-0123456789!",
                    "Bench owner");
            String token = Json.topLevelString(registered.body(), "accessToken")
                    .orElseThrow(() -> new IllegalStateException("could not register the shared owner: "
                            + registered.body()));
            Call created = api.createOrg(token, "Bench " + runId + " shared");
            String orgId = Json.topLevelString(created.body(), "id")
                    .orElseThrow(() -> new IllegalStateException("could not create the shared organization: "
                            + created.body()));
            return new ClientLoop.SharedTenant(token, orgId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting up the shared organization", e);
        }
    }

    private void printProgress(Window window, Progress progress) {
        String phase = window.isWarmingUp() ? "warming up" : window.isOver() ? "finishing" : "measuring";
        log.printf("[%5.1f s] %-10s %,d calls, %,d failed%n", window.secondsSinceStart(), phase,
                progress.calls().sum(), progress.failures().sum());
    }

    // Daemon threads so a client stuck in a call can never keep the JVM (and thus the cleanup) from finishing.
    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
