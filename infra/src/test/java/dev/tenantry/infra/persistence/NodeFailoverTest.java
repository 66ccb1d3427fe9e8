package dev.tenantry.infra.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes on one database, and the one that runs every event processor dies by SIGKILL in the middle of the
 * writes: the other takes its segments over within 30 s with the app's default claim timeout, every acknowledged
 * write reaches its read models and the audit stream, no invitation is mailed twice, and the killed node, started
 * again, serves requests.
 * <p>
 * The two nodes form a cluster of their own, on a fresh database of the test server: the suite's shared context
 * must not claim their segments. Node A is a JVM of its own, so that it can be killed; node B runs in this JVM,
 * which keeps the test within its time (a child JVM takes 15 to 30 s to start on two cores).
 */
@IntegrationTest
class NodeFailoverTest {

    private static final Duration NODE_START = Duration.ofSeconds(150);
    /** The bound: Axon's claim timeout (10 s) plus its claim interval (5 s) must fit well inside. */
    private static final Duration TAKEOVER = Duration.ofSeconds(30);
    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final int ORGANIZATIONS = 3;
    /** Writes each writer has acknowledged by each node before the kill, and by node B after the takeover. */
    private static final int WRITES_BEFORE_KILL = 3;
    private static final int WRITES_AFTER_TAKEOVER = 2;
    private static final String JWT_SECRET = "node-failover-test-only-shared-hs256-secret-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Node A must not outlive a test JVM that is stopped in the middle of this test. */
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly),
                "node-failover-children"));
    }

    @Autowired
    DataSource sharedDataSource;
    @Autowired
    JdbcTemplate sharedJdbc;
    @Autowired
    EventProcessingConfiguration sharedProcessing;
    @TempDir
    Path dir;

    private String database;
    private ConfigurableApplicationContext nodeB;
    private ExecutorService writing;

    @AfterEach
    void stopEverything() throws InterruptedException {
        if (writing != null) {
            writing.shutdownNow();
            writing.awaitTermination(40, TimeUnit.SECONDS);
        }
        for (Process child : RUNNING) {
            child.destroyForcibly();
            child.waitFor(30, TimeUnit.SECONDS);
            RUNNING.remove(child);
        }
        if (nodeB != null) {
            nodeB.close();
        }
        if (database != null) {
            sharedJdbc.execute("drop database if exists " + database + " with (force)");
        }
    }

    @Test
    void whenTheNodeRunningTheProcessorsIsKilledTheOtherTakesOverAndNothingAcknowledgedIsLostOrDoneTwice()
            throws Exception {
        HikariDataSource suitePool = sharedDataSource.unwrap(HikariDataSource.class);
        database = "failover_" + UUID.randomUUID().toString().replace("-", "");
        sharedJdbc.execute("create database " + database);
        Cluster cluster = new Cluster(suitePool.getJdbcUrl().replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1"),
                suitePool.getUsername(), suitePool.getPassword() == null ? "" : suitePool.getPassword());
        JdbcTemplate clusterDb = new JdbcTemplate(new DriverManagerDataSource(cluster.url(), cluster.user(),
                cluster.password()));

        int portA = freePort();
        Process nodeA = startChildNode(cluster, portA, "node-a");
        ApiClient apiA = new ApiClient(portA);
        awaitHealthy(apiA, nodeA, "node-a");
        await("node A runs every processor").atMost(Duration.ofSeconds(30))
                .until(() -> owners(clusterDb).keySet().stream().map(NodeFailoverTest::processorOf)
                        .collect(Collectors.toSet()).containsAll(sharedProcessors(sharedProcessing))
                        && owners(clusterDb).values().stream().allMatch("node-a"::equals));

        nodeB = new SpringApplicationBuilder(TenantryApplication.class).run(cluster.nodeArgs("node-b", 0,
                dir.resolve("node-b")).toArray(String[]::new));
        ApiClient apiB = new ApiClient(((WebServerApplicationContext) nodeB).getWebServer().getPort());
        Map<String, String> segments = owners(clusterDb);
        assertThat(segments.values()).as("node B, started second, finds every segment claimed").containsOnly("node-a");
        assertThat(segments.keySet().stream().map(NodeFailoverTest::processorOf).collect(Collectors.toSet()))
                .as("the processors whose tokens the nodes share").isEqualTo(sharedProcessors(nodeB));

        List<Writer> writers = new ArrayList<>();
        for (int i = 0; i < ORGANIZATIONS; i++) {
            ApiClient.User owner = apiB.register("Failover Owner " + i);
            writers.add(new Writer(owner, apiB.createOrganization(owner, "Failover Co " + i), apiA, apiB));
        }
        writing = Executors.newFixedThreadPool(ORGANIZATIONS);
        writers.forEach(writing::execute);
        await("writes acknowledged by both nodes").atMost(Duration.ofSeconds(60)).until(() -> writers.stream()
                .allMatch(w -> w.acknowledgedBy("node-a") >= WRITES_BEFORE_KILL
                        && w.acknowledgedBy("node-b") >= WRITES_BEFORE_KILL));

        writers.forEach(Writer::avoidNodeA);
        long killedAt = System.nanoTime();
        nodeA.destroyForcibly(); // SIGKILL: no claim released, no request finished
        assertThat(nodeA.waitFor(30, TimeUnit.SECONDS)).isTrue();

        await("every segment owned by node B").atMost(TAKEOVER).pollInterval(Duration.ofMillis(250))
                .until(() -> owners(clusterDb), owners -> owners.keySet().equals(segments.keySet())
                        && owners.values().stream().allMatch("node-b"::equals));
        System.out.printf("Node B owned every segment %.1f s after node A was killed%n",
                (System.nanoTime() - killedAt) / 1e9);
        long takenOverAt = System.nanoTime();
        await("writes acknowledged by node B after the takeover").atMost(Duration.ofSeconds(60))
                .until(() -> writers.stream()
                        .allMatch(w -> w.acknowledgedByBAfter(takenOverAt) >= WRITES_AFTER_TAKEOVER));
        writers.forEach(Writer::stop);
        writing.shutdown();
        assertThat(writing.awaitTermination(40, TimeUnit.SECONDS)).isTrue();

        for (String processor : segments.keySet()) {
            assertThat(streamingProcessor(nodeB, processor).processingStatus()).as(processor + " runs on node B")
                    .isNotEmpty();
        }
        assertThat(processorsInError(nodeB)).isEmpty();
        for (Writer writer : writers) {
            await("node B shows every acknowledged write of " + writer.organizationId).atMost(CONVERGE)
                    .untilAsserted(() -> writer.assertAcknowledgedWritesShownBy(apiB));
        }
        Set<String> invited = writers.stream().flatMap(w -> w.writes.stream()).map(Write::email)
                .filter(email -> email != null).collect(Collectors.toSet());
        Map<String, Integer> mails = mailsPerRecipient(clusterDb, invited);
        assertThat(mails.values()).as("no invitation mailed twice").allMatch(count -> count == 1);
        assertThat(mails.keySet()).as("every acknowledged invitation mailed")
                .containsAll(writers.stream().flatMap(w -> w.writes.stream())
                        .filter(w -> w.kind == Kind.INVITE && w.acknowledged).map(Write::email).toList());

        Process restarted = startChildNode(cluster, portA, "node-a");
        awaitHealthy(apiA, restarted, "node-a");
        Writer first = writers.get(0);
        ApiClient.Response read = apiA.get("/api/orgs/" + first.organizationId, first.owner.accessToken());
        assertThat(read.status()).as("the restarted node serves a token node B issued: " + read).isEqualTo(200);
        ApiClient.Response renamed = apiA.patch("/api/orgs/" + first.organizationId, first.owner.accessToken(),
                Map.of("name", "Rejoined Co"));
        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        await("node B shows what the restarted node wrote").atMost(CONVERGE).until(() -> "Rejoined Co".equals(
                apiB.get("/api/orgs/" + first.organizationId, first.owner.accessToken()).text("name")));
        assertThat(owners(clusterDb).values()).as("node B keeps the segments: a node that rejoins stands by")
                .containsOnly("node-b");
        assertThat(processorsInError(nodeB)).isEmpty();
    }

    /** The test database's URL and credentials, which every node of this test gets. */
    private record Cluster(String url, String user, String password) {

        List<String> nodeArgs(String nodeId, int port, Path dataDir) {
            return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
                    "--spring.datasource.password=" + password, "--server.port=" + port,
                    "--tenantry.data-dir=" + dataDir, "--tenantry.node-id=" + nodeId,
                    // One secret for both: a token issued by one node must work on the other.
                    "--tenantry.jwt.secret=" + JWT_SECRET, "--spring.main.banner-mode=off");
        }
    }

    /**
     * The app in a JVM of its own, from this test's classpath. C1 only and a small serial heap: it starts sooner
     * on two shared cores, and it only has to serve a few writers.
     */
    private Process startChildNode(Cluster cluster, int port, String nodeId) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-Ddisable-axoniq-console-message=true",
                "-cp", System.getProperty("java.class.path"), TenantryApplication.class.getName()));
        command.addAll(cluster.nodeArgs(nodeId, port, dir.resolve(nodeId)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(nodeId + ".log").toFile())).start();
        RUNNING.add(process);
        return process;
    }

    private void awaitHealthy(ApiClient api, Process node, String nodeId) throws IOException {
        try {
            await("node healthy").atMost(NODE_START).pollInterval(Duration.ofMillis(500))
                    .failFast("the node's JVM exited", () -> !node.isAlive())
                    .ignoreException(UncheckedIOException.class)
                    .until(() -> api.get("/actuator/health", null).status() == 200);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            List<String> log = Files.readAllLines(dir.resolve(nodeId + ".log"));
            throw new AssertionError(e.getMessage() + "; the node's log ends with:\n"
                    + String.join("\n", log.subList(Math.max(0, log.size() - 60), log.size())), e);
        }
    }

    /** Processor name and segment to the node that claims it, of the processors whose tokens the nodes share. */
    private static Map<String, String> owners(JdbcTemplate clusterDb) {
        Map<String, String> owners = new HashMap<>();
        clusterDb.query("select processor_name, segment, owner from token_entry", row -> {
            owners.put(row.getString("processor_name") + "/" + row.getInt("segment"), row.getString("owner"));
        });
        return owners;
    }

    /**
     * The streaming processors that keep their tokens in the database: all but the live-update relays, which every
     * node runs for its own clients from a token in memory.
     */
    private static Set<String> sharedProcessors(ConfigurableApplicationContext node) {
        return sharedProcessors(node.getBean(EventProcessingConfiguration.class));
    }

    /** The same for the suite's own context: the app's configuration, so the nodes have the same processors. */
    private static Set<String> sharedProcessors(EventProcessingConfiguration processing) {
        return processing.eventProcessors().values().stream()
                .filter(processor -> processor instanceof StreamingEventProcessor)
                .map(EventProcessor::getName)
                .filter(name -> !(processing.tokenStore(name) instanceof InMemoryTokenStore))
                .collect(Collectors.toSet());
    }

    private static String processorOf(String segment) {
        return segment.substring(0, segment.lastIndexOf('/'));
    }

    private static StreamingEventProcessor streamingProcessor(ConfigurableApplicationContext node, String segment) {
        String name = processorOf(segment);
        return node.getBean(EventProcessingConfiguration.class).eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new AssertionError("no streaming processor " + name));
    }

    private static List<String> processorsInError(ConfigurableApplicationContext node) {
        Collection<EventProcessor> processors = node.getBean(EventProcessingConfiguration.class).eventProcessors()
                .values();
        return processors.stream().filter(EventProcessor::isError).map(EventProcessor::getName).toList();
    }

    private static Map<String, Integer> mailsPerRecipient(JdbcTemplate clusterDb, Set<String> recipients) {
        Map<String, Integer> mails = new HashMap<>();
        clusterDb.query("select recipient, count(*) as mails from mail_outbox where recipient = any(?) group by 1",
                row -> {
                    mails.put(row.getString("recipient"), row.getInt("mails"));
                }, (Object) recipients.toArray(String[]::new));
        return mails;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private enum Kind { RENAME, INVITE, REVOKE }

    /**
     * @param value        what the write set: the name, or the invitation's id (an invite's only once acknowledged)
     * @param email        an invite's invitee
     * @param acknowledged answered 2xx; anything else may or may not have taken effect
     */
    private record Write(Kind kind, String node, String correlationId, String value, String email,
                         boolean acknowledged, long answeredAt) {
    }

    /**
     * One owner writing to their organization, in turn through node A and node B while A lives: rename, invite,
     * revoke that invitation. The organization is the writer's alone, so it knows what its acknowledged writes must
     * have left behind.
     */
    private static final class Writer implements Runnable {

        private final ApiClient.User owner;
        private final String organizationId;
        private final ApiClient apiA;
        private final ApiClient apiB;
        private final List<Write> writes = new CopyOnWriteArrayList<>();
        private volatile boolean nodeAGone;
        private volatile boolean stopped;

        Writer(ApiClient.User owner, String organizationId, ApiClient apiA, ApiClient apiB) {
            this.owner = owner;
            this.organizationId = organizationId;
            this.apiA = apiA;
            this.apiB = apiB;
        }

        @Override
        public void run() {
            String toRevoke = null;
            for (int n = 0; !stopped && !Thread.currentThread().isInterrupted(); n++) {
                boolean onA = !nodeAGone && n % 2 == 0;
                ApiClient api = onA ? apiA : apiB;
                String node = onA ? "node-a" : "node-b";
                String path = "/api/orgs/" + organizationId;
                switch (n % 3) {
                    case 0 -> send(api, node, Kind.RENAME, "PATCH", path,
                            Map.of("name", "Failover " + organizationId.substring(0, 8) + " r" + n), null);
                    case 1 -> {
                        String email = ApiClient.uniqueEmail("failover-invitee");
                        Write invite = send(api, node, Kind.INVITE, "POST", path + "/invitations",
                                Map.of("email", email, "role", "MEMBER"), email);
                        toRevoke = invite.acknowledged ? invite.value : null;
                    }
                    default -> {
                        if (toRevoke != null) {
                            send(api, node, Kind.REVOKE, "DELETE", path + "/invitations/" + toRevoke, null, null);
                        }
                    }
                }
            }
        }

        private Write send(ApiClient api, String node, Kind kind, String method, String path, Map<String, String> body,
                           String email) {
            String correlationId = UUID.randomUUID().toString();
            boolean acknowledged = false;
            String value = kind == Kind.RENAME ? body.get("name") : kind == Kind.REVOKE
                    ? path.substring(path.lastIndexOf('/') + 1) : null;
            try {
                ApiClient.Response response = api.sendRawWithHeaders(method, path, Map.of(
                        "Authorization", "Bearer " + owner.accessToken(), "X-Correlation-Id", correlationId),
                        body == null ? "" : JSON.writeValueAsString(body));
                acknowledged = response.status() / 100 == 2;
                if (kind == Kind.INVITE && acknowledged) {
                    // 201 with the invitation, or 202 (no body) while the read models are behind: both say where.
                    String location = response.header("Location");
                    value = location.substring(location.lastIndexOf('/') + 1);
                }
            } catch (UncheckedIOException | IOException noAnswer) {
                // The node died under the request: unacknowledged, it may or may not have taken effect.
            }
            Write write = new Write(kind, node, correlationId, value, email, acknowledged, System.nanoTime());
            writes.add(write);
            return write;
        }

        void avoidNodeA() {
            nodeAGone = true;
        }

        void stop() {
            stopped = true;
        }

        long acknowledgedBy(String node) {
            return writes.stream().filter(w -> w.acknowledged && w.node.equals(node)).count();
        }

        long acknowledgedByBAfter(long nanoTime) {
            return writes.stream().filter(w -> w.acknowledged && w.node.equals("node-b") && w.answeredAt > nanoTime)
                    .count();
        }

        /**
         * The last acknowledged name (or one set after it without acknowledgement), every acknowledged invitation
         * pending unless a revoke of it was tried, none whose revoke was acknowledged, an audit entry for every
         * acknowledged write, and an intact chain.
         */
        void assertAcknowledgedWritesShownBy(ApiClient api) {
            String path = "/api/orgs/" + organizationId;
            String token = owner.accessToken();
            List<Write> renames = writes.stream().filter(w -> w.kind == Kind.RENAME).toList();
            int lastAcknowledged = -1;
            for (int i = 0; i < renames.size(); i++) {
                lastAcknowledged = renames.get(i).acknowledged ? i : lastAcknowledged;
            }
            assertThat(lastAcknowledged).as("renames acknowledged").isNotNegative();
            assertThat(api.get(path, token).text("name"))
                    .isIn(renames.subList(lastAcknowledged, renames.size()).stream().map(Write::value).toList());

            Set<String> pending = new HashSet<>();
            api.get(path + "/invitations", token).body().path("items")
                    .forEach(item -> pending.add(item.path("id").asText()));
            Set<String> revokeTried = writes.stream().filter(w -> w.kind == Kind.REVOKE).map(Write::value)
                    .collect(Collectors.toSet());
            for (Write write : writes) {
                if (write.kind == Kind.INVITE && write.acknowledged && !revokeTried.contains(write.value)) {
                    assertThat(pending).as("pending invitations").contains(write.value);
                }
                if (write.kind == Kind.REVOKE && write.acknowledged) {
                    assertThat(pending).as("pending invitations").doesNotContain(write.value);
                }
            }

            Set<String> audited = new HashSet<>();
            for (long after = 0; after >= 0; ) {
                JsonNode page = api.get(path + "/audit/events?after=" + after + "&limit=1000", token).body();
                page.path("items").forEach(entry -> audited.add(entry.path("correlationId").asText()));
                after = page.path("nextAfter").isNumber() ? page.path("nextAfter").asLong() : -1;
            }
            assertThat(audited).as("audit entries' correlation ids").containsAll(writes.stream()
                    .filter(Write::acknowledged).map(Write::correlationId).toList());
            assertThat(api.get(path + "/audit/verify", token).text("status")).isEqualTo("intact");
        }
    }
}
