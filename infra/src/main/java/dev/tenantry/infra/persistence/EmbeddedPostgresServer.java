package dev.tenantry.infra.persistence;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A real PostgreSQL server process, from the binaries that zonky publishes as Maven artifacts, with its data in a
 * directory of ours so that it survives restarts.
 * <p>
 * Written instead of using zonky's own launcher because PostgreSQL refuses to run as root, and CI runs as root:
 * there every PostgreSQL program is started through {@code unshare -U}, a user namespace in which the process is
 * not root but still owns the files root created.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres";

    private final Path installDir;
    private final Path dataDir;
    private final Path logFile;
    private final int port;

    private EmbeddedPostgresServer(Path installDir, Path dataDir, Path logFile, int port) {
        this.installDir = installDir;
        this.dataDir = dataDir;
        this.logFile = logFile;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on the given data directory, creating the cluster on first use.
     *
     * @param port 0 for any free port
     */
    public static EmbeddedPostgresServer start(Path dataDir, int port, List<String> serverSettings) {
        try {
            Path install = installBinaries();
            Path data = dataDir.toAbsolutePath().normalize();
            Files.createDirectories(data.getParent());
            if (!Files.exists(data.resolve("PG_VERSION"))) {
                initdb(install, data);
            }
            int actualPort = port != 0 ? port : freePort();
            EmbeddedPostgresServer server = new EmbeddedPostgresServer(install, data,
                    data.resolveSibling(data.getFileName() + ".log"), actualPort);
            server.stopLeftoverServer();
            server.startServer(serverSettings);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        try {
            run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), 60);
            log.info("Embedded PostgreSQL on port {} stopped", port);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not stop the embedded PostgreSQL in {}: {}", dataDir, e.getMessage());
        }
    }

    private void startServer(List<String> serverSettings) throws IOException {
        StringBuilder options = new StringBuilder("-p ").append(port).append(" -h localhost");
        for (String setting : serverSettings) {
            options.append(" -c ").append(setting);
        }
        run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-l", logFile.toString(), "-o", options.toString(),
                "-w", "-t", "120", "start"), 150);
        log.info("Embedded PostgreSQL started on port {} with data in {} (log: {})", port, dataDir, logFile);
    }

    /** A JVM killed without shutting down leaves its PostgreSQL running and holding the data directory. */
    private void stopLeftoverServer() throws IOException {
        if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            log.warn("Found postmaster.pid in {}: stopping a PostgreSQL left over from an earlier run", dataDir);
            try {
                run(List.of(bin("pg_ctl"), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), 60);
            } catch (IllegalStateException notRunning) {
                // The pid file was stale; PostgreSQL removes it itself on start.
            }
        }
    }

    private static void initdb(Path install, Path data) throws IOException {
        log.info("Creating a PostgreSQL cluster in {}", data);
        Files.createDirectories(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        run(List.of(install.resolve("bin/initdb").toString(), "-A", "trust", "-U", USER, "-D", data.toString(),
                "-E", "UTF8", "--no-locale"), 120);
    }

    private String bin(String program) {
        return installDir.resolve("bin").resolve(program).toString();
    }

    private static void run(List<String> command, int timeoutSeconds) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            full.addAll(List.of("unshare", "-U"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes());
        }
        try {
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", full));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + String.join(" ", full), e);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("Failed (exit " + process.exitValue() + "): " + String.join(" ", full)
                    + System.lineSeparator() + output);
        }
    }

    private static boolean runningAsRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Unpacks the platform's binaries once per version into the temp dir; concurrent JVMs take turns. */
    private static Path installBinaries() throws IOException {
        String archive = "postgres-linux-" + archiveArch() + ".txz";
        String version = binariesVersion();
        Path root = Path.of(System.getProperty("java.io.tmpdir"), "tenantry-postgres",
                version + "-" + archiveArch());
        Files.createDirectories(root);
        Path done = root.resolve(".complete");
        try (FileChannel lockFile = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock ignored = lockFile.lock()) {
            if (!Files.exists(done)) {
                extract(archive, root);
                Files.createFile(done);
            }
        }
        return root;
    }

    private static void extract(String archive, Path target) throws IOException {
        InputStream resource = EmbeddedPostgresServer.class.getResourceAsStream("/" + archive);
        if (resource == null) {
            throw new IllegalStateException("No embedded PostgreSQL for this platform (" + archive
                    + " is not on the classpath); set spring.datasource.url to use your own PostgreSQL");
        }
        log.info("Unpacking PostgreSQL binaries into {}", target);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZInputStream(new BufferedInputStream(resource)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path file = target.resolve(entry.getName()).normalize();
                if (!file.startsWith(target)) {
                    throw new IllegalStateException("Archive entry outside its target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(file);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(file.getParent());
                    Files.deleteIfExists(file);
                    Files.createSymbolicLink(file, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(file.getParent());
                    Files.copy(tar, file, StandardCopyOption.REPLACE_EXISTING);
                    if ((entry.getMode() & 0100) != 0) {
                        file.toFile().setExecutable(true, false);
                    }
                }
            }
        }
    }

    private static String archiveArch() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        if (!os.contains("linux")) {
            throw new IllegalStateException("The embedded PostgreSQL ships for Linux only; on " + os
                    + " set spring.datasource.url to a PostgreSQL server");
        }
        return switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "arm_64";
            default -> throw new IllegalStateException("No embedded PostgreSQL for " + arch
                    + "; set spring.datasource.url to a PostgreSQL server");
        };
    }

    private static String binariesVersion() {
        // The archive name carries no version: key the install on the jar that holds it, so an upgrade unpacks anew.
        var url = EmbeddedPostgresServer.class.getResource("/postgres-linux-" + archiveArch() + ".txz");
        return url == null ? "unknown" : Integer.toHexString(url.toString().hashCode());
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
