package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

/**
 * The application under test as a child process with its own port and a throw-away data directory, so every run
 * starts from an empty database and nothing outlives the benchmark, not even after Ctrl-C.
 */
final class AppProcess implements AutoCloseable {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    // Long enough for Spring to stop cleanly, which is what stops the embedded PostgreSQL the app started.
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final int LOG_LINES_ON_FAILURE = 40;

    /** The platform admin of a started app, who may rebuild projections once the benchmark verified its email. */
    static final String ADMIN_EMAIL = "bench-admin@example.com";

    /**
     * The one place for app properties that every measured app gets. A handful of benchmark clients is load, not
     * abuse, so rate limits must not shape the figures; an app without the property ignores it, as Spring does with
     * any unknown property.
     */
    static final List<String> EXTRA_APP_ARGS = List.of("--tenantry.rate-limits.enabled=false");

    private final List<String> launch;
    private final Path tempDir;
    private final Path dataDir;
    private final Path logFile;
    private final GcLog gcLog;
    private final URI baseUrl;
    private final Database database;
    private final PrintStream log;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Process process;

    private AppProcess(List<String> launch, Path tempDir, Path dataDir, Path logFile, GcLog gcLog, URI baseUrl,
                       Database database, PrintStream log) {
        this.launch = launch;
        this.tempDir = tempDir;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.gcLog = gcLog;
        this.baseUrl = baseUrl;
        this.database = database;
        this.log = log;
    }

    /**
     * Starts the jar and returns once its health endpoint answers 200; cleans up after itself if it never does.
     * The embedded PostgreSQL gets a port chosen here, so the benchmark can reach the app's database; the JVM logs
     * every garbage collection with the heap before and after, which is how the peak heap is measured.
     */
    static AppProcess start(Path appJar, List<String> jvmArgs, PrintStream log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(appJar)) {
            throw new StartupException("No application jar at " + appJar.toAbsolutePath()
                    + "; build it first with ./mvnw -q -DskipTests package, or point --app-jar at it");
        }
        Path tempDir = Files.createTempDirectory("tenantry-bench-");
        // A subdirectory that is empty at start, whatever the app or PostgreSQL's initdb expect of it.
        Path dataDir = Files.createDirectory(tempDir.resolve("data"));
        Path logFile = tempDir.resolve("app.log");
        Path gcLogFile = tempDir.resolve("gc.log");
        int port = freePort();
        int postgresPort = freePort();
        while (postgresPort == port) {
            postgresPort = freePort();
        }
        URI baseUrl = URI.create("http://localhost:" + port);
        List<String> launch = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLogFile, "-jar", appJar.toString(),
                "--server.port=" + port, "--tenantry.data-dir=" + dataDir,
                "--tenantry.embedded-postgres.port=" + postgresPort, "--tenantry.platform-admins=" + ADMIN_EMAIL));
        launch.addAll(EXTRA_APP_ARGS);
        // The embedded server trusts local connections as "postgres" and the app uses its "postgres" database.
        Database database = new Database("jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", "");
        AppProcess app = new AppProcess(launch, tempDir, dataDir, logFile, new GcLog(gcLogFile), baseUrl, database, log);
        log.printf("Starting %s on port %d; app log: %s%n", appJar, port, logFile);
        try {
            app.launch(jvmArgs);
        } catch (IOException e) {
            deleteRecursively(tempDir, log);
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "tenantry-app-cleanup"));
        try {
            app.awaitHealthy();
            return app;
        } catch (RuntimeException | InterruptedException e) {
            app.printLogTail();
            app.close();
            throw e;
        }
    }

    /**
     * Stops the app and starts it again on the same data with other JVM options: the audit-export scenario seeds
     * in a roomy heap and measures in a small one. The GC log starts afresh with the new JVM.
     */
    void restart(List<String> jvmArgs) throws IOException, InterruptedException {
        log.println("Restarting the app" + (jvmArgs.isEmpty() ? "" : " with " + String.join(" ", jvmArgs)));
        stopApp();
        launch(jvmArgs);
        try {
            awaitHealthy();
        } catch (RuntimeException e) {
            printLogTail();
            throw e;
        }
    }

    private void launch(List<String> jvmArgs) throws IOException {
        // The same java that runs the benchmark, so the app does not silently pick up another JDK from PATH.
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmArgs);
        command.addAll(launch);
        if (!jvmArgs.isEmpty()) {
            log.println("App JVM options: " + String.join(" ", jvmArgs));
        }
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
    }

    URI baseUrl() {
        return baseUrl;
    }

    Database database() {
        return database;
    }

    GcLog gcLog() {
        return gcLog;
    }

    /** Where the app's output goes: its log, including the mails it logs instead of sending them. */
    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Copies the app's log out of the temp dir, which is deleted on close, so a failure can be looked into. */
    void keepLog() {
        try {
            Path kept = Files.createTempFile("tenantry-bench-app-", ".log");
            Files.copy(logFile, kept, StandardCopyOption.REPLACE_EXISTING);
            log.println("The app's log is kept in " + kept);
        } catch (IOException e) {
            log.println("Could not keep the app's log: " + e.getMessage());
        }
    }

    private void awaitHealthy() throws InterruptedException {
        TenantryApi api = new TenantryApi(baseUrl);
        long started = System.nanoTime();
        long deadline = started + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Process current = process;
            if (!current.isAlive()) {
                throw new StartupException("The app exited with code " + current.exitValue() + " before it was healthy");
            }
            if (api.health(Duration.ofSeconds(2)).status() == 200) {
                log.printf("App healthy after %.1f s%n", (System.nanoTime() - started) / 1e9);
                return;
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new StartupException("The app did not report healthy within " + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    /** Idempotent: runs from the normal path and again from the shutdown hook. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.println("Stopping the app and deleting " + tempDir);
        stopApp();
        deleteRecursively(tempDir, log);
    }

    private void stopApp() {
        Process current = process;
        if (current == null) {
            return;
        }
        // Taken before the parent goes: once it has exited its children are re-parented and no longer listed.
        List<ProcessHandle> descendants = current.descendants().toList();
        stop(current.toHandle());
        descendants.forEach(AppProcess::stop);
        stopOrphanedPostgres();
    }

    /**
     * pg_ctl detaches the server from the app, so it is no descendant of it; when the app had to be killed (a JVM
     * thrashing in a full heap ignores SIGTERM) the server is still running: its pid is in its data directory.
     */
    private void stopOrphanedPostgres() {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle.of(pid).ifPresent(postgres -> {
                log.println("Stopping the app's PostgreSQL (pid " + pid + "), which outlived it");
                stop(postgres);
            });
        } catch (IOException | RuntimeException e) {
            log.println("Could not check for a leftover PostgreSQL: " + e.getMessage());
        }
    }

    private static void stop(ProcessHandle handle) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception stillRunning) {
            handle.destroyForcibly();
        }
    }

    private void printLogTail() {
        try (Stream<String> lines = Files.lines(logFile)) {
            List<String> all = lines.toList();
            log.println("Last lines of " + logFile + " (deleted with the temp dir on exit):");
            all.subList(Math.max(0, all.size() - LOG_LINES_ON_FAILURE), all.size()).forEach(line -> log.println("  " + line));
        } catch (IOException | UncheckedIOException e) {
            log.println("Could not read " + logFile + ": " + e.getMessage());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void deleteRecursively(Path dir, PrintStream log) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.println("Could not fully delete " + dir + ": " + e.getMessage());
        }
        if (Files.exists(dir)) {
            log.println("Could not fully delete " + dir);
        }
    }

    /** The app could not be brought up; the message says why. */
    static final class StartupException extends RuntimeException {
        StartupException(String message) {
            super(message);
        }
    }
}
