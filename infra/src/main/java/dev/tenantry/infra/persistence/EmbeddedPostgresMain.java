package dev.tenantry.infra.persistence;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The embedded PostgreSQL on its own, without the app: a database that several app nodes on one machine share (each
 * with {@code spring.datasource.url}), and that outlives any of them. No node has to host it, so any node can be
 * stopped or killed. Runs from the app's jar without Spring:
 * <pre>
 * java -cp tenantry.jar dev.tenantry.infra.persistence.EmbeddedPostgresMain --data-dir=./tenantry-data --port=5433
 * </pre>
 * Prints the JDBC URL (user included) as a line of its own once the server accepts connections (a script waits for a
 * line starting with {@code jdbc:}), and stops the server on SIGTERM or Ctrl-C. The cluster lives in
 * {@code <data-dir>/postgres}, where a single app with the same {@code tenantry.data-dir} keeps it, so a one-node
 * installation can grow into several nodes on its data.
 */
public final class EmbeddedPostgresMain {

    static final String USAGE = """
            Usage: EmbeddedPostgresMain [--data-dir=DIR] [--port=N] [--settings=name=value,...]
              --data-dir  where the cluster lives (in DIR/postgres), created on first start; default ./tenantry-data
              --port      the server's port on localhost; default 0, any free port (the printed URL says which)
              --settings  extra PostgreSQL settings, as tenantry.embedded-postgres.settings""";

    private EmbeddedPostgresMain() {
    }

    record Options(Path dataDir, int port, List<String> settings) {

        static Options parse(String... args) {
            Path dataDir = Path.of("./tenantry-data");
            int port = 0;
            List<String> settings = new ArrayList<>();
            for (String arg : args) {
                String value = arg.substring(arg.indexOf('=') + 1);
                if (arg.startsWith("--data-dir=")) {
                    dataDir = Path.of(value);
                } else if (arg.startsWith("--port=")) {
                    port = Integer.parseInt(value);
                } else if (arg.startsWith("--settings=")) {
                    Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                            .forEach(settings::add);
                } else {
                    throw new IllegalArgumentException("Unknown argument: " + arg);
                }
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("Not a port: " + port);
            }
            return new Options(dataDir, port, List.copyOf(settings));
        }
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        // Registered before the start, so that a SIGTERM that comes while the server is still starting stops it
        // once it is up rather than leaving it running without anyone to stop it (pg_ctl detaches it from us).
        AtomicReference<EmbeddedPostgresServer> running = new AtomicReference<>();
        CountDownLatch started = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            EmbeddedPostgresServer server = running.get();
            if (server != null) {
                server.close();
            }
        }, "embedded-postgres-stop"));
        EmbeddedPostgresServer server;
        try {
            server = EmbeddedPostgresServer.start(options.dataDir().resolve("postgres"), options.port(),
                    options.settings());
            running.set(server);
        } catch (RuntimeException e) {
            System.err.println("Could not start PostgreSQL: " + e.getMessage());
            started.countDown();
            System.exit(1);
            return;
        } finally {
            started.countDown();
        }
        // The user in the URL: spring.datasource.url alone then connects, with no username property beside it.
        System.out.println(server.jdbcUrl("postgres") + "?user=" + server.username());
        System.out.flush();
        // Nothing else to do: the server runs in its own processes until the shutdown hook stops it.
        new CountDownLatch(1).await();
    }
}
