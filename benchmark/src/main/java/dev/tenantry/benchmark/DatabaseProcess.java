package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The app's embedded PostgreSQL in a process of its own ({@code EmbeddedPostgresMain}, run from the app's jar), on a
 * throw-away data dir: a database that every node of the failover scenario uses and none hosts, so that any node
 * can be killed. Its owner stops it ({@link #close}) after the nodes; it registers no shutdown hook of its own, so
 * that it cannot go before them on Ctrl-C.
 */
final class DatabaseProcess implements AutoCloseable {

    static final String MAIN_CLASS = "dev.tenantry.infra.persistence.EmbeddedPostgresMain";
    // initdb and the first unpacking of the binaries take a few seconds; on a busy machine many more.
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration POLL = Duration.ofMillis(100);
    // pg_ctl's fast shutdown (the process's shutdown hook) takes a second or two; a checkpoint under load longer.
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(60);

    private final Path tempDir;
    private final Path dataDir;
    private final Path logFile;
    private final Process process;
    private final PrintStream log;
    private Database database;
    private boolean closed;

    private DatabaseProcess(Path tempDir, Path dataDir, Path logFile, Process process, PrintStream log) {
        this.tempDir = tempDir;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.process = process;
        this.log = log;
    }

    /** Starts the process; {@link #awaitUp} then waits for the server. */
    static DatabaseProcess launch(Path appJar, PrintStream log) throws IOException {
        if (!Files.isRegularFile(appJar)) {
            throw new AppProcess.StartupException("No application jar at " + appJar.toAbsolutePath()
                    + "; build it first with ./mvnw -q -DskipTests package, or point --app-jar at it");
        }
        Path tempDir = Files.createTempDirectory("tenantry-bench-db-");
        Path dataDir = tempDir.resolve("data");
        Path logFile = tempDir.resolve("database.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", appJar.toString(), MAIN_CLASS,
                "--data-dir=" + dataDir, "--port=" + freePort());
        log.println("Starting the database process (" + MAIN_CLASS + " from " + appJar + "); its log: " + logFile);
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logFile.toFile()).start();
        return new DatabaseProcess(tempDir, dataDir, logFile, process, log);
    }

    /** Returns once the process has printed its JDBC URL, that is once PostgreSQL accepts connections. */
    void awaitUp() throws IOException, InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < STARTUP_TIMEOUT.toNanos()) {
            Optional<String> url;
            try (Stream<String> lines = Files.lines(logFile)) {
                url = lines.filter(line -> line.startsWith("jdbc:")).findFirst();
            }
            if (url.isPresent()) {
                database = new Database(url.get(), "postgres", "");
                log.printf("The database is up after %.1f s: %s%n", (System.nanoTime() - started) / 1e9, url.get());
                return;
            }
            if (!process.isAlive()) {
                throw new AppProcess.StartupException("The database process exited with code " + process.exitValue()
                        + " before it was up");
            }
            Thread.sleep(POLL.toMillis());
        }
        throw new AppProcess.StartupException("The database process did not print its URL within "
                + STARTUP_TIMEOUT.toSeconds() + " s");
    }

    /** The URL carries the user too (the embedded server trusts local connections): nodes need only the URL. */
    Database database() {
        return database;
    }

    /** Its own log and PostgreSQL's server log, copied out of the temp dir, which is deleted on close. */
    void keepLog() {
        for (Path file : List.of(logFile, dataDir.resolve("postgres.log"))) {
            if (!Files.exists(file)) {
                continue;
            }
            try {
                Path kept = Files.createTempFile("tenantry-bench-" + file.getFileName().toString().replace(".log", "-"),
                        ".log");
                Files.copy(file, kept, StandardCopyOption.REPLACE_EXISTING);
                log.println("The database's " + file.getFileName() + " is kept in " + kept);
            } catch (IOException e) {
                log.println("Could not keep " + file + ": " + e.getMessage());
            }
        }
    }

    /**
     * SIGTERM, on which the process stops PostgreSQL cleanly; then, should the server have outlived it (the
     * process killed, or its stop failing), the server itself by the pid in its data dir. Idempotent, and a second
     * caller (the shutdown hook, while the run's own cleanup is under way) waits until it is done.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.println("Stopping the database process and deleting " + tempDir);
        stop(process.toHandle());
        AppProcess.stopOrphanedPostgres(dataDir, GRACEFUL_STOP, log);
        try (Stream<Path> paths = Files.walk(tempDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.println("Could not fully delete " + tempDir + ": " + e.getMessage());
        }
    }

    private static void stop(ProcessHandle handle) {
        AppProcess.stop(handle, GRACEFUL_STOP);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
