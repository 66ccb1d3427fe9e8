package dev.tenantry.infra.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A body over the limit is refused with 413 before it is read whole, declared or chunked; JSON within the limit but
 * over Jackson's read limits is a 400 naming the limit. Nothing is created either way.
 */
@IntegrationTest
class BodyLimitsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MB = 1024 * 1024;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private User user;

    @BeforeEach
    void setUp() {
        user = new ApiClient(port).register("Bertha Body");
    }

    @Test
    void aDeclaredBodyOverOneMegabyteIsA413BeforeAnyOfItIsSent() throws Exception {
        long eventsBefore = eventCount();
        // 20 clients at once, each announcing 20 MB and waiting for the server to ask for it (Expect: 100-continue):
        // the 413 comes from the declared length alone, and no body is ever buffered.
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(CompletableFuture.supplyAsync(() -> announce("/api/orgs", 20L * MB)));
        }
        for (CompletableFuture<String> answer : answers) {
            assertThat(answer.get(30, TimeUnit.SECONDS)).startsWith("HTTP/1.1 413").contains("payload-too-large");
        }
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
