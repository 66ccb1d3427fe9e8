package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The application under test as a child process with its own port and a throw-away data directory, so every run
 * starts from an empty database and nothing outlives the benchmark, not even after Ctrl-C.
 */
final class AppProcess implements AutoCloseable {

    // Three nodes starting on two shared cores have taken over two minutes each: this means stuck, not slow.
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    // The startup scenario measures the time until healthy: a coarse poll would add up to its interval.
    private static final Duration STARTUP_POLL_INTERVAL = Duration.ofMillis(50);
    // Long enough for Spring to stop cleanly, which is what stops the embedded PostgreSQL the app started.
    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(30);
    private static final int LOG_LINES_ON_FAILURE = 40;
    // Spring Boot's console format: "2026-11-21T08:11:10.123Z  WARN 4242 --- [tenantry] [main] c.e.Logger : text".
    private static final Pattern LOG_LEVEL = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\S+\\s+(WARN|ERROR)\\s.*? : ");

    /** The platform admin of a started app, who may rebuild projections once the benchmark verified its email. */
    static final String ADMIN_EMAIL = "bench-admin@example.com";

    /**
     * The one place for app properties that every measured app gets. A handful of benchmark clients is load, not
     * abuse, so rate limits must not shape the figures; an app without the property ignores it, as Spring does with
     * any unknown property.
     */
    static final List<String> EXTRA_APP_ARGS = List.of("--tenantry.rate-limits.enabled=false");

    private final String name;
    private final List<String> launch;
    private final Path tempDir;
    private final Path dataDir;
    private final Path logFile;
    private final GcLog gcLog;
    private final URI baseUrl;
    private final Database database;
    private final Duration pollInterval;
    private final PrintStream log;
    private boolean closed;
    private volatile Process process;
    private volatile long launchedAt;
    private volatile long healthyAt;
    /** Where the log stood at each launch and when the app was healthy: what it logged while starting. */
    private volatile long launchedAtLogSize;
    private final List<long[]> startups = new CopyOnWriteArrayList<>();

    private AppProcess(String name, List<String> launch, Path tempDir, Path dataDir, Path logFile, GcLog gcLog,
                       URI baseUrl, Database database, Duration pollInterval, PrintStream log) {
        this.name = name;
        this.launch = launch;
        this.tempDir = tempDir;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.gcLog = gcLog;
        this.baseUrl = baseUrl;
        this.database = database;
        this.pollInterval = pollInterval;
        this.log = log;
    }

    /**
     * Starts the jar and returns once its health endpoint answers 200; cleans up after itself if it never does.
     * The embedded PostgreSQL gets a port chosen here, so the benchmark can reach the app's database; the JVM logs
     * every garbage collection with the heap before and after, which is how the peak heap is measured.
     */
    static AppProcess start(Path appJar, List<String> jvmArgs, PrintStream log) throws IOException, InterruptedException {
        return startNode(appJar, jvmArgs, "the app", null, List.of(), log);
    }

    /**
     * Starts one node of several that share a database (the failover scenario), or the only one. Without
     * {@code sharedDatabase} the node starts the embedded PostgreSQL, on a port chosen here; with it the node uses
     * that database, as a deployment would with {@code spring.datasource.url}. Either way the node gets a port and
     * data dir of its own.
     *
     * @param nodeArgs app arguments of this node only, such as its node id
     */
    static AppProcess startNode(Path appJar, List<String> jvmArgs, String name, Database sharedDatabase,
                                List<String> nodeArgs, PrintStream log) throws IOException, InterruptedException {
        requireJar(appJar);
        Path tempDir = Files.createTempDirectory("tenantry-bench-");
        // A subdirectory that is empty at start, whatever the app or PostgreSQL's initdb expect of it.
        Path dataDir = Files.createDirectory(tempDir.resolve("data"));
        Path gcLogFile = tempDir.resolve("gc.log");
        int port = freePort();
        List<String> launch = new ArrayList<>(List.of("-Xlog:gc:file=" + gcLogFile, "-jar", appJar.toString(),
                "--server.port=" + port, "--tenantry.data-dir=" + dataDir));
        Database database = sharedDatabase;
        if (database == null) {
            int postgresPort = freePort();
            while (postgresPort == port) {
                postgresPort = freePort();
            }
            launch.add("--tenantry.embedded-postgres.port=" + postgresPort);
            // The embedded server trusts local connections as "postgres" and the app uses its "postgres" database.
            database = new Database("jdbc:postgresql://localhost:" + postgresPort + "/postgres", "postgres", "");
        } else {
            launch.add("--spring.datasource.url=" + database.url());
            launch.add("--spring.datasource.username=" + database.user());
            if (!database.password().isEmpty()) {
                launch.add("--spring.datasource.password=" + database.password());
            }
        }
        launch.add("--tenantry.platform-admins=" + ADMIN_EMAIL);
        launch.addAll(nodeArgs);
        launch.addAll(EXTRA_APP_ARGS);
        return launchAndAwait(new AppProcess(name, launch, tempDir, dataDir, tempDir.resolve("app.log"),
                new GcLog(gcLogFile), URI.create("http://localhost:" + port), database, POLL_INTERVAL, log), jvmArgs);
    }

    /**
     * Starts the jar as the README starts it, {@code java <README_JVM_OPTIONS> -jar tenantry.jar}, with only what
     * the benchmark cannot leave out: a free port and an empty data dir (so the embedded PostgreSQL starts from
     * nothing, on a port it picks itself). No GC log, no extra properties: this is the start a user gets. The
     * health endpoint is polled often, as the time until it answers is what the startup scenario measures.
     * {@code jvmArgs} come after the README's options, so they can override them.
     */
    static AppProcess startAsReadme(Path appJar, List<String> jvmArgs, PrintStream log)
            throws IOException, InterruptedException {
        requireJar(appJar);
        List<String> options = new ArrayList<>(readmeJvmOptions(appJar));
        options.addAll(jvmArgs);
        jvmArgs = options;
        Path tempDir = Files.createTempDirectory("tenantry-bench-");
        Path dataDir = Files.createDirectory(tempDir.resolve("data"));
        int port = freePort();
        List<String> launch = List.of("-jar", appJar.toString(), "--server.port=" + port,
                "--tenantry.data-dir=" + dataDir);
        return launchAndAwait(new AppProcess("the app", launch, tempDir, dataDir, tempDir.resolve("app.log"),
                new GcLog(tempDir.resolve("gc.log")), URI.create("http://localhost:" + port), null,
                STARTUP_POLL_INTERVAL, log), jvmArgs);
    }

    /**
     * The JVM options of the README's start command: the class-data-sharing archive the build writes next to the
     * jar, and the serial collector.
     */
    static List<String> readmeJvmOptions(Path appJar) {
        return List.of("-XX:SharedArchiveFile=" + appJar.resolveSibling("tenantry.jsa"), "-XX:+UseSerialGC");
    }

    private static void requireJar(Path appJar) {
        if (!Files.isRegularFile(appJar)) {
            throw new StartupException("No application jar at " + appJar.toAbsolutePath()
                    + "; build it first with ./mvnw -q -DskipTests package, or point --app-jar at it");
        }
    }

    private static AppProcess launchAndAwait(AppProcess app, List<String> jvmArgs) throws IOException, InterruptedException {
        app.log.printf("Starting %s (%s) on %s; app log: %s%n", app.name, app.launch.get(app.launch.indexOf("-jar") + 1),
                app.baseUrl, app.logFile);
        try {
            app.launch(jvmArgs);
        } catch (IOException e) {
            deleteRecursively(app.tempDir, app.log);
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
        log.println("Restarting " + name + (jvmArgs.isEmpty() ? "" : " with " + String.join(" ", jvmArgs)));
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
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        launchedAtLogSize = logSize();
        launchedAt = System.nanoTime();
        process = builder.start();
    }

    String name() {
        return name;
    }

    URI baseUrl() {
        return baseUrl;
    }

    /** Null for an app started as the README starts it: its embedded PostgreSQL picks its own port. */
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

    /** From starting the JVM until the health endpoint first answered 200, for the latest (re)start. */
    long startupNanos() {
        return healthyAt - launchedAt;
    }

    /**
     * The app JVM's resident memory (VmRSS of /proc/{pid}/status), in kB. Only the JVM: the embedded PostgreSQL it
     * starts runs in processes of its own (pg_ctl detaches them), which are not counted.
     */
    long residentKb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(process.pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + process.pid() + "/status");
    }

    /**
     * How many lines the app logged at WARN and at ERROR once it was up, with the first few distinct messages: a
     * run's figures mean little if the app was failing underneath, and the log is deleted with the temp dir. What
     * it logs while starting (a dozen framework deprecation and configuration warnings) is left out.
     */
    LogSummary logSummary() {
        long warnings = 0;
        long errors = 0;
        Set<String> first = new LinkedHashSet<>();
        try {
            byte[] bytes = Files.readAllBytes(logFile);
            for (int start = 0, end; start < bytes.length; start = end + 1) {
                end = start;
                while (end < bytes.length && bytes[end] != '\n') {
                    end++;
                }
                int offset = start;
                if (startups.stream().anyMatch(range -> offset >= range[0] && offset < range[1])) {
                    continue;
                }
                String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
                Matcher level = LOG_LEVEL.matcher(line);
                if (!level.find()) {
                    continue;
                }
                if (level.group(1).equals("ERROR")) {
                    errors++;
                } else {
                    warnings++;
                }
                if (first.size() < LogSummary.SHOWN) {
                    String message = line.substring(level.end()).strip();
                    first.add(level.group(1) + " " + (message.length() > LogSummary.MAX_MESSAGE
                            ? message.substring(0, LogSummary.MAX_MESSAGE) + "..." : message));
                }
            }
        } catch (IOException e) {
            log.println("Could not read " + logFile + ": " + e.getMessage());
        }
        return new LogSummary(name, warnings, errors, List.copyOf(first));
    }

    /** @param first up to {@link #SHOWN} distinct messages, level first */
    record LogSummary(String app, long warnings, long errors, List<String> first) {

        static final int SHOWN = 3;
        static final int MAX_MESSAGE = 200;

        String line() {
            return capitalized(app) + "'s log once it was up: " + warnings + " WARN and " + errors + " ERROR lines"
                    + (first.isEmpty() ? "" : "; first: " + String.join(" | ", first));
        }

        String json() {
            return "{\"warnings\":" + warnings + ",\"errors\":" + errors + "}";
        }
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
        long deadline = launchedAt + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            Process current = process;
            if (!current.isAlive()) {
                throw new StartupException(capitalized(name) + " exited with code " + current.exitValue()
                        + " before it was healthy");
            }
            if (api.health(Duration.ofSeconds(2)).status() == 200) {
                healthyAt = System.nanoTime();
                startups.add(new long[] {launchedAtLogSize, logSize()});
                log.printf("%s is healthy after %.1f s%n", capitalized(name), (healthyAt - launchedAt) / 1e9);
                return;
            }
            Thread.sleep(pollInterval.toMillis());
        }
        throw new StartupException(capitalized(name) + " did not report healthy within " + STARTUP_TIMEOUT.toSeconds()
                + " s");
    }

    private long logSize() {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    private static String capitalized(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /**
     * {@code kill -9}: the JVM gets no chance to release its token claims, finish its requests or say goodbye to
     * the database, as when a machine dies. What the app started itself is left alone ({@link #close} still stops
     * it); a node on a shared database started nothing.
     */
    void kill() throws InterruptedException {
        Process current = process;
        log.println("Killing " + name + " (pid " + current.pid() + ") with SIGKILL");
        current.destroyForcibly(); // SIGKILL on Linux
        if (!current.waitFor(30, TimeUnit.SECONDS)) {
            log.println(capitalized(name) + " was still running 30 s after SIGKILL");
        }
    }

    /**
     * Idempotent: runs from the normal path and again from the shutdown hook. A second caller waits until the first
     * is done, so that whoever stops a shared database after the nodes knows that they have stopped.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.println("Stopping " + name + " and deleting " + tempDir);
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
        stopOrphanedPostgres(dataDir, GRACEFUL_STOP, log);
    }

    /** Stops the PostgreSQL whose pid is in {@code <dataDir>/postgres/postmaster.pid}, if it is still running. */
    static void stopOrphanedPostgres(Path dataDir, Duration grace, PrintStream log) {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
            ProcessHandle.of(pid).ifPresent(postgres -> {
                log.println("Stopping PostgreSQL (pid " + pid + "), which outlived the process that started it");
                stop(postgres, grace);
            });
        } catch (IOException | RuntimeException e) {
            log.println("Could not check for a leftover PostgreSQL: " + e.getMessage());
        }
    }

    private static void stop(ProcessHandle handle) {
        stop(handle, GRACEFUL_STOP);
    }

    /** SIGTERM, and SIGKILL if it has not ended within the grace period. */
    static void stop(ProcessHandle handle, Duration grace) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
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
