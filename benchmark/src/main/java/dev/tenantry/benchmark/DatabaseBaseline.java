package dev.tenantry.benchmark;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The database's own speed on the same machine, in the same run: as many threads as the benchmark has clients,
 * each on its own connection in autocommit, commit single-row inserts of a JSON document about the size of one of
 * the app's events. The machines are shared and noisy, so the app's throughput is reported as a ratio to this
 * rather than as an absolute figure. The scratch table is the benchmark's, created here and dropped afterwards.
 */
final class DatabaseBaseline {

    static final String TABLE = "bench_baseline";
    /** About the size of one of the app's events with its metadata. */
    private static final int DOCUMENT_BYTES = 600;

    private final Database database;
    private final int threads;
    private final Duration duration;
    private final PrintStream log;

    /** One timed run: how many inserts committed in how long. */
    record Result(long commits, double seconds) {

        double tps() {
            return commits / seconds;
        }

        String describe() {
            return String.format(Locale.ROOT, "%,d commits in %.1f s: %,.0f per second", commits, seconds, tps());
        }
    }

    DatabaseBaseline(Database database, int threads, Duration duration, PrintStream log) {
        this.database = database;
        this.threads = threads;
        this.duration = duration;
        this.log = log;
    }

    void createTable() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
            statement.execute("create table " + TABLE + " (id bigserial primary key, doc jsonb not null)");
        }
    }

    void dropTable() {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop table if exists " + TABLE);
        } catch (SQLException e) {
            log.println("Could not drop the scratch table " + TABLE + ": " + e.getMessage());
        }
    }

    Result run(String label) throws Exception {
        log.printf("Database baseline (%s): %d connections inserting for %d s...%n", label, threads,
                duration.toSeconds());
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // Every connection is open before the clock starts: connecting is not what is measured.
        CountDownLatch connected = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long[] window = new long[2];
        List<Future<Long>> inserters = new ArrayList<>();
        try {
            for (int thread = 0; thread < threads; thread++) {
                int number = thread;
                inserters.add(pool.submit(() -> insertUntil(number, connected, go, window)));
            }
            if (!connected.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the baseline's connections did not open within 60 s");
            }
            window[0] = System.nanoTime();
            window[1] = window[0] + duration.toNanos();
            go.countDown();
            long commits = 0;
            for (Future<Long> inserter : inserters) {
                commits += inserter.get();
            }
            Result result = new Result(commits, (System.nanoTime() - window[0]) / 1e9);
            log.println("  " + result.describe());
            return result;
        } finally {
            go.countDown();
            pool.shutdownNow();
        }
    }

    private long insertUntil(int thread, CountDownLatch connected, CountDownLatch go, long[] window) throws Exception {
        try (Connection connection = database.connect();
             PreparedStatement insert = connection.prepareStatement(
                     "insert into " + TABLE + " (doc) values (?::jsonb)")) {
            connection.setAutoCommit(true);
            String prefix = documentPrefix(thread);
            connected.countDown();
            go.await();
            long end = window[1];
            long commits = 0;
            while (System.nanoTime() - end < 0) {
                insert.setString(1, prefix + commits + "}");
                insert.executeUpdate();
                commits++;
            }
            return commits;
        }
    }

    /** A document shaped like an event with its metadata, ending in an open sequence field, ~600 bytes in all. */
    private static String documentPrefix(int thread) {
        String head = "{\"eventType\":\"OrganizationRenamedEvent\",\"aggregateId\":\"" + UUID.randomUUID()
                + "\",\"actorId\":\"" + UUID.randomUUID() + "\",\"correlationId\":\"" + UUID.randomUUID()
                + "\",\"occurredAt\":\"2026-01-01T00:00:00Z\",\"thread\":" + thread + ",\"payload\":{\"name\":\"";
        StringBuilder doc = new StringBuilder(head);
        while (doc.length() < DOCUMENT_BYTES - 20) {
            doc.append("Bench organization with a longish name ");
        }
        doc.setLength(DOCUMENT_BYTES - 20);
        return doc.append("\"},\"sequence\":").toString();
    }
}
