package dev.tenantry.infra.audit;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.query.audit.AuditExport;
import dev.tenantry.query.audit.AuditVerifier;
import dev.tenantry.query.audit.PointInTimeState;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reads that walk a whole history (export, verify, point-in-time state) run at most
 * tenantry.audit.max-concurrent-reads-per-organization (1) of one organization and
 * tenantry.audit.max-concurrent-reads-per-node (the streams pool's size, 3) at once; one more is answered 429
 * too-many-audit-reads with Retry-After. They run on threads of their own with streams connections, give their
 * place back however they end, and a flood of them in one organization leaves another's commands prompt.
 * <p>
 * A read is held running by a client that stops reading its export: the server blocks once the socket's buffers
 * are full, which a history of {@link #PADDED_ENTRIES} entries (megabytes of NDJSON) makes sure of.
 */
@IntegrationTest
class AuditReadLimitsTest {

    private static final int PADDED_ENTRIES = 10_000;
    private static final Duration PROMPT = Duration.ofSeconds(1);
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int FLOODERS = 12;
    private static final int RENAMES = 10;

    @LocalServerPort
    int port;
    @Autowired
    AuditReads reads;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    @Qualifier("streamsPool")
    HikariDataSource streamsPool;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ApiClient api;
    private User owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Rita Reader");
    }

    @AfterEach
    void everyReadHasGivenItsPlaceBack() {
        await().atMost(WAIT).until(() -> reads.running() == 0);
    }

    @Test
    void anOrganizationRunsAtMostItsCapOfLongReadsAndTheNextIsRefusedWithRetryAfter() {
        String org = organizationWithLongHistory("Capped Co");
        List<StalledExport> running = new ArrayList<>();
        try {
            for (int i = 0; i < reads.maxPerOrganization(); i++) {
                running.add(StalledExport.open(port, org, owner.accessToken()));
            }
            assertThat(running).extracting(StalledExport::status).containsOnly(200);

            for (String read : List.of("/export", "/verify", "/state?at=" + Instant.now())) {
                assertRefused(api.get(audit(org) + read, owner.accessToken()));
            }
            assertThat(api.get(audit(org) + "/head", owner.accessToken()).status())
                    .as("a short read is not capped").isEqualTo(200);
            String other = api.createOrganization(owner, "Uncapped Co");
            assertThat(api.get(audit(other) + "/verify", owner.accessToken()).status())
                    .as("another organization still reads").isEqualTo(200);
        } finally {
            running.forEach(StalledExport::close);
        }
    }

    @Test
    void aNodeRunsAtMostItsCapOfLongReadsAcrossOrganizationsAndTakesAnotherWhenAClientGoesAway() {
        List<StalledExport> running = new ArrayList<>();
        try {
            while (running.size() < reads.maxPerNode()) {
                String org = organizationWithLongHistory("Busy Co " + running.size());
                for (int i = 0; i < reads.maxPerOrganization() && running.size() < reads.maxPerNode(); i++) {
                    running.add(StalledExport.open(port, org, owner.accessToken()));
                }
            }
            assertThat(running).extracting(StalledExport::status).containsOnly(200);
            String quiet = api.createOrganization(owner, "Quiet Co");

            assertRefused(api.get(audit(quiet) + "/verify", owner.accessToken()));

            running.remove(0).close();
            Response admitted = await().atMost(WAIT)
                    .until(() -> api.get(audit(quiet) + "/verify", owner.accessToken()), r -> r.status() != 429);
            assertThat(admitted.status()).as(admitted.toString()).isEqualTo(200);
            assertThat(admitted.text("status")).isEqualTo("intact");
        } finally {
            running.forEach(StalledExport::close);
        }
    }

    @Test
    void aReadGivesItsPlaceBackWhenItEndsAndWhenItFails() {
        String org = api.createOrganization(owner, "Sequential Co");
        for (int i = 0; i <= reads.maxPerNode(); i++) {
            assertThat(api.get(audit(org) + "/export", owner.accessToken()).status()).isEqualTo(200);
            assertThat(api.get(audit(org) + "/verify", owner.accessToken()).status()).isEqualTo(200);
            assertThat(api.get(audit(org) + "/state?at=" + Instant.now(), owner.accessToken()).status())
                    .isEqualTo(200);
        }

        // An entry that is not JSON makes the point-in-time state fail while it folds the history.
        jdbc.update("""
                insert into audit_entry (tenant_id, sequence, global_index, event_id, event_type, occurred_at,
                    payload, previous_hash, hash)
                values (?, 1000000, 0, ? || '-not-json', 'dev.tenantry.test.BrokenEvent', now() - interval '1 day',
                    'not json', repeat('0', 64), repeat('0', 64))""", org, org);
        for (int i = 0; i <= reads.maxPerNode(); i++) {
            assertThat(api.get(audit(org) + "/state?at=" + Instant.now(), owner.accessToken()).status())
                    .isEqualTo(500);
        }
        assertThat(api.get(audit(org) + "/verify", owner.accessToken()).status()).isEqualTo(200);
    }

    @Test
    void longReadsRunOnThreadsOfTheirOwnWithStreamsConnectionsWhileCommandsGoOn() throws Exception {
        List<String> orgs = List.of(api.createOrganization(owner, "Verified Co"),
                api.createOrganization(owner, "Rewound Co"), api.createOrganization(owner, "Exported Co"));
        String renamed = api.createOrganization(owner, "Renamed Co");
        List<Connection> taken = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            // With every streams connection taken, the reads stop at their first query, where they can be seen.
            for (int i = 0; i < streamsPool.getMaximumPoolSize(); i++) {
                taken.add(streamsPool.getConnection());
            }
            List<Future<Response>> answers = List.of(
                    clients.submit(() -> api.get(audit(orgs.get(0)) + "/verify", owner.accessToken())),
                    clients.submit(() -> api.get(audit(orgs.get(1)) + "/state?at=" + Instant.now(),
                            owner.accessToken())),
                    clients.submit(() -> api.get(audit(orgs.get(2)) + "/export", owner.accessToken())));
            await("the reads waiting for a streams connection").atMost(WAIT)
                    .until(() -> streamsPool.getHikariPoolMXBean().getThreadsAwaitingConnection() == answers.size());

            assertThat(threadsIn(AuditVerifier.class, PointInTimeState.class, AuditExport.class))
                    .hasSize(answers.size())
                    .allSatisfy(thread -> assertThat(thread).startsWith("audit-read-"));
            long started = System.nanoTime();
            Response rename = api.patch("/api/orgs/" + renamed, owner.accessToken(), Map.of("name", "Renamed Ltd"));
            assertThat(rename.status()).as(rename.toString()).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPT);

            closeAll(taken);
            for (Future<Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().toString()).isEqualTo(200);
            }
        } finally {
            closeAll(taken);
            clients.shutdownNow();
        }
    }

    @Test
    void anExportFloodInOneOrganizationDoesNotMakeAnotherOrganizationsRenameWaitASecond() throws Exception {
        String flooded = organizationWithLongHistory("Flooded Co");
        User neighbour = api.register("Nina Neighbour");
        String quiet = "/api/orgs/" + api.createOrganization(neighbour, "Neighbour Co");
        assertThat(api.patch(quiet, neighbour.accessToken(), Map.of("name", "Neighbour Co Ltd")).status())
                .isEqualTo(200);
        List<String> floodReads = List.of("/export", "/verify", "/state?at=" + Instant.now());
        Map<Integer, AtomicInteger> floodAnswers = new ConcurrentHashMap<>();
        CountDownLatch floodOver = new CountDownLatch(1);
        ExecutorService flood = Executors.newFixedThreadPool(FLOODERS);
        List<Future<?>> flooders = new ArrayList<>();
        List<Duration> renames = new ArrayList<>();
        try {
            for (int i = 0; i < FLOODERS; i++) {
                int first = i;
                flooders.add(flood.submit(() -> {
                    for (int n = first; floodOver.getCount() > 0; n++) {
                        HttpResponse<Void> answer = read(audit(flooded) + floodReads.get(n % floodReads.size()));
                        floodAnswers.computeIfAbsent(answer.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                        if (answer.statusCode() == 429) {
                            // As told. A client that asks again at once floods with requests, not with long reads:
                            // request rates are another limit's business.
                            long seconds = Long.parseLong(answer.headers().firstValue("Retry-After").orElseThrow());
                            floodOver.await(seconds, TimeUnit.SECONDS);
                        }
                    }
                    return null;
                }));
            }

            for (int i = 0; i < RENAMES; i++) {
                await().atMost(WAIT).until(() -> reads.running() == reads.maxPerOrganization());
                long started = System.nanoTime();
                Response rename = api.patch(quiet, neighbour.accessToken(), Map.of("name", "Neighbour " + i));
                renames.add(Duration.ofNanos(System.nanoTime() - started));
                assertThat(rename.status()).as(rename.toString()).isEqualTo(200);
            }
        } finally {
            floodOver.countDown();
            flood.shutdown();
        }
        for (Future<?> flooder : flooders) {
            flooder.get();
        }

        assertThat(renames).allSatisfy(took -> assertThat(took).isLessThan(PROMPT));
        assertThat(floodAnswers.keySet()).as("the flood's answers").containsExactlyInAnyOrder(200, 429);
    }

    private String organizationWithLongHistory(String name) {
        String org = api.createOrganization(owner, name);
        // Entries after the real ones, as only the audit stream holds them: the reads here need length, not truth
        // (verify calls this stream broken, which is an answer like any other).
        jdbc.update("""
                insert into audit_entry (tenant_id, sequence, global_index, event_id, event_type, occurred_at,
                    payload, previous_hash, hash)
                select ?, 1000000 + n, n, ? || '-padding-' || n, 'dev.tenantry.test.PaddingEvent', now(),
                    '{"padding":"' || repeat('x', 1000) || '"}', repeat('0', 64), repeat('0', 64)
                from generate_series(1, ?) n""", org, org, PADDED_ENTRIES);
        return org;
    }

    private static String audit(String org) {
        return "/api/orgs/" + org + "/audit";
    }

    private static void assertRefused(Response refused) {
        assertThat(refused.status()).as(refused.toString()).isEqualTo(429);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("too-many-audit-reads");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("Content-Disposition")).isNull();
    }

    /** A read, its answer's body read and thrown away. */
    private HttpResponse<Void> read(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + owner.accessToken())
                .GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding());
    }

    /** Names of the threads now inside a method of these classes (or of their Spring proxies). */
    private static List<String> threadsIn(Class<?>... classes) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(thread -> Arrays.stream(thread.getValue()).anyMatch(frame -> Arrays.stream(classes)
                        .anyMatch(type -> frame.getClassName().startsWith(type.getName()))))
                .map(thread -> thread.getKey().getName())
                .toList();
    }

    private static void closeAll(List<Connection> connections) {
        for (Connection connection : connections) {
            try {
                connection.close();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        connections.clear();
    }

    /**
     * An export whose client reads its status line and then nothing: the server's writes block once the socket's
     * buffers are full, so the read runs until the client closes the connection.
     */
    private static final class StalledExport implements AutoCloseable {

        private final Socket socket;
        private final int status;

        private StalledExport(Socket socket, int status) {
            this.socket = socket;
            this.status = status;
        }

        static StalledExport open(int port, String org, String token) {
            Socket socket = new Socket();
            try {
                socket.setReceiveBufferSize(4096);
                socket.connect(new InetSocketAddress("localhost", port), 5000);
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write(("GET " + audit(org) + "/export HTTP/1.1\r\n"
                        + "Host: localhost:" + port + "\r\n"
                        + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                String statusLine = readLine(socket.getInputStream());
                return new StalledExport(socket, Integer.parseInt(statusLine.split(" ")[1]));
            } catch (IOException e) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // the original failure is the one to report
                }
                throw new UncheckedIOException(e);
            }
        }

        private static String readLine(InputStream in) throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    throw new IOException("The connection ended before a line: " + line);
                }
                line.write(b);
            }
            return line.toString(StandardCharsets.US_ASCII).trim();
        }

        int status() {
            return status;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
