package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
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

    private final Process process;
    private final Path tempDir;
    private final Path logFile;
    private final URI baseUrl;
    private final PrintStream log;
    private final AtomicBoolean closed = new AtomicBoolean();

    private AppProcess(Process process, Path tempDir, Path logFile, URI baseUrl, PrintStream log) {
        this.process = process;
        this.tempDir = tempDir;
        this.logFile = logFile;
        this.baseUrl = baseUrl;
        this.log = log;
    }

    /** Starts the jar and returns once its health endpoint answers 200; cleans up after itself if it never does. */
    static AppProcess start(Path appJar, PrintStream log) throws IOException, InterruptedException {
        if (!Files.isRegularFile(appJar)) {
            throw new StartupException("No application jar at " + appJar.toAbsolutePath()
                    + "; build it first with ./mvnw -q -DskipTests package, or point --app-jar at it");
        }
        Path tempDir = Files.createTempDirectory("tenantry-bench-");
        // A subdirectory that is empty at start, whatever the app or PostgreSQL's initdb expect of it.
        Path dataDir = Files.createDirectory(tempDir.resolve("data"));
        Path logFile = tempDir.resolve("app.log");
        int port = freePort();
        URI baseUrl = URI.create("http://localhost:" + port);
        // The same java that runs the benchmark, so the app does not silently pick up another JDK from PATH.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        log.printf("Starting %s on port %d; app log: %s%n", appJar, port, logFile);

        Process process;
        try {
            process = new ProcessBuilder(java, "-jar", appJar.toString(),
                    "--server.port=" + port, "--tenantry.data-dir=" + dataDir)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
        } catch (IOException e) {
            deleteRecursively(tempDir, log);
            throw e;
        }
        AppProcess app = new AppProcess(process, tempDir, logFile, baseUrl, log);
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

    URI baseUrl() {
        return baseUrl;
    }

    private void awaitHealthy() throws InterruptedException {
        TenantryApi api = new TenantryApi(baseUrl);
        long started = System.nanoTime();
        long deadline = started + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new StartupException("The app exited with code " + process.exitValue() + " before it was healthy");
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
        // Taken before the parent goes: once it has exited its children are re-parented and no longer listed.
        List<ProcessHandle> descendants = process.descendants().toList();
        log.println("Stopping the app and deleting " + tempDir);
        stop(process.toHandle());
        descendants.forEach(AppProcess::stop);
        deleteRecursively(tempDir, log);
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
