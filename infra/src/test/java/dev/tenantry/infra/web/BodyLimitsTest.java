package dev.tenantry.infra.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over the limit is refused with 413 before it is read whole, declared or chunked; JSON within the limit but
 * over Jackson's read limits is a 400 naming the limit. Nothing is created either way. Twenty clients sending 20 MB
 * each at once leave the heap as it was, even while they send: the server never holds their bodies.
 */
@IntegrationTest
class BodyLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MB = 1024 * 1024;
    private static final int CLIENTS = 20;
    /** Far below the 400 MB the clients send, far above what collection leaves behind from one reading to another. */
    private static final long HEAP_GROWTH_ALLOWED = 50L * MB;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    /**
     * A thread for each client and one for each client's reading: the common pool has one thread on two cores, and
     * would send them one at a time.
     */
    private final ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS);
    private User user;

    @BeforeEach
    void setUp() {
        user = new ApiClient(port).register("Bertha Body");
    }

    @AfterEach
    void tearDown() {
        clients.shutdownNow();
    }

    @Test
    void aDeclaredBodyOverOneMegabyteIsA413BeforeAnyOfItIsSent() throws Exception {
        long eventsBefore = eventCount();
        long heapBefore = heapInUse();
        // 20 clients at once, each announcing 20 MB and waiting for the server to ask for it (Expect: 100-continue):
        // the 413 comes from the declared length alone, and no body is ever buffered.
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> announce("/api/orgs", 20L * MB), clients));
        }
        for (CompletableFuture<String> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 413").contains("payload-too-large");
        }
        assertThat(heapInUse() - heapBefore).as("heap grown, in bytes").isLessThan(HEAP_GROWTH_ALLOWED);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void twentyBodiesOfTwentyMegabytesSentWithoutAskingAreA413EachAndNotBuffered() throws Exception {
        long eventsBefore = eventCount();
        long heapBefore = heapInUse();
        // 20 clients at once send a declared 20 MB body straight away. Each stops a megabyte short of the end until
        // the heap has been measured: a server that buffered bodies to check their size would hold most of the
        // 380 MB sent so far (a filter that read each body whole first held 386 MB more, in a trial), where this one
        // refuses them from the declared length and closes the connections.
        CountDownLatch almostSent = new CountDownLatch(CLIENTS);
        CountDownLatch measured = new CountDownLatch(1);
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> sendUnasked("/api/orgs", 20L * MB, almostSent, measured),
                    clients));
        }
        assertThat(almostSent.await(60, TimeUnit.SECONDS)).as("every client sent all but the last megabyte").isTrue();
        long heapWhileSending = heapInUse();
        measured.countDown();
        for (CompletableFuture<String> answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).startsWith("HTTP/1.1 413").contains("payload-too-large");
        }

        assertThat(heapWhileSending - heapBefore).as("heap grown while the bodies were sent, in bytes")
                .isLessThan(HEAP_GROWTH_ALLOWED);
        assertThat(heapInUse() - heapBefore).as("heap grown, in bytes").isLessThan(HEAP_GROWTH_ALLOWED);
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @Test
    void aStripeWebhookOverHalfAMegabyteIsA413() {
        assertThat(announce("/api/webhooks/stripe", 600 * 1024)).startsWith("HTTP/1.1 413")
                .contains("payload-too-large").contains("512 KB");
        // Within the limit the server asks for the body.
        assertThat(announce("/api/webhooks/stripe", 400 * 1024, true)).startsWith("HTTP/1.1 100");
    }

    @Test
    void aChunkedBodyIsCutOffWhereItPassesTheLimit() throws Exception {
        // Small values, so that no JSON limit applies before the size limit does.
        byte[] body = ("{\"name\":\"Chunky\",\"extra\":[" + "\"abcdefgh\",".repeat(200_000) + "\"end\"]}")
                .getBytes(StandardCharsets.UTF_8);
        // An input stream of unknown length: the client sends it chunked, without Content-Length.
        HttpResponse<String> answer = http.send(orgCreation(HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream(body))).build(), HttpResponse.BodyHandlers.ofString());

        assertPayloadTooLarge(answer);
    }

    @Test
    void aBodyWithinTheLimitIsReadAsBefore() throws Exception {
        HttpResponse<String> answer = http.send(orgCreation(HttpRequest.BodyPublishers.ofString(
                "{\"name\":\"Small Inc\"}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(201);
    }

    @Test
    void jsonNestedDeeperThanTheLimitIsA400() throws Exception {
        // In a field nobody reads: the parser counts the depth even while it skips.
        String nested = "{\"name\":\"Deep\",\"extra\":" + "[".repeat(100) + "]".repeat(100) + "}";
        HttpResponse<String> answer = http.send(orgCreation(HttpRequest.BodyPublishers.ofString(nested)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(answer.statusCode()).isEqualTo(400);
        JsonNode problem = JSON.readTree(answer.body());
        assertThat(problem.path("code").asText()).isEqualTo("json-limit-exceeded");
        assertThat(problem.path("detail").asText()).contains("nesting depth");
    }

    private String announce(String path, long contentLength) {
        return announce(path, contentLength, false);
    }

    /**
     * Sends only the headers of a JSON POST of this declared size; answers what comes back until the server closes
     * the connection, or only its first line.
     */
    private String announce(String path, long contentLength, boolean firstLineOnly) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + user.accessToken() + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + contentLength + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            if (firstLineOnly) {
                return new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
            }
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Sends the headers of a JSON POST of this declared size and then the body at once, without waiting to be asked:
     * all but its last megabyte, then (once {@code measured}) the rest. Writes stop where the server has closed the
     * connection. Answers what came back.
     */
    private String sendUnasked(String path, long contentLength, CountDownLatch almostSent, CountDownLatch measured) {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            // Read while sending: the answer comes before the body is through, and the connection is reset once the
            // server closes it with the body unread, which can take an answer not yet read with it.
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readAll(socket), clients);
            OutputStream out = socket.getOutputStream();
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) ' ');
            try {
                out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: Bearer " + user.accessToken() + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: " + contentLength + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                for (long sent = 0; sent < contentLength - MB; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closedByTheServer) {
                // It reads no more.
            }
            almostSent.countDown();
            try {
                if (!measured.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("the heap was not measured");
                }
                for (long sent = contentLength - MB; sent < contentLength; sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closedByTheServer) {
                // as above
            }
            return answer.get(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the socket receives until the server closes it, or resets it. */
    private static String readAll(Socket socket) {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (IOException reset) {
            // what came before the reset stands
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    /**
     * Heap in use after a full collection, the least of three readings: what is still referenced, with as little as
     * possible of what other threads allocate meanwhile.
     */
    private static long heapInUse() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
        }
        return least;
    }

    private HttpRequest.Builder orgCreation(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/orgs"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + user.accessToken())
                .POST(body);
    }

    /** A valid organization creation whose name alone is this long: only its size is wrong. */
    private static byte[] organization(int bytes) {
        return ("{\"name\":\"" + "n".repeat(bytes) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static void assertPayloadTooLarge(HttpResponse<String> answer) throws Exception {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(413);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(answer.body()).path("code").asText()).isEqualTo("payload-too-large");
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
