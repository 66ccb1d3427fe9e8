package dev.tenantry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Real HTTP against the running app, JSON in and out. */
public final class ApiClient {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://localhost:" + port;
    }

    public record Response(int status, JsonNode body, HttpResponse<String> raw) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }

        public String text(String field) {
            return body.path(field).asText(null);
        }

        @Override
        public String toString() {
            return status + " " + raw.body();
        }
    }

    /** A signed-in user: their id, email and tokens as register answered. */
    public record User(String id, String email, String accessToken, String refreshToken) {
    }

    public User register(String displayName) {
        return register(displayName, uniqueEmail(displayName));
    }

    /**
     * A client address of its own for each request: the tests reach the app as if through a trusted proxy
     * (tenantry.trusted-proxies in the tests' configuration), so that the limits per client address count each test's
     * requests apart. A test that means one client sends its own {@value #FORWARDED_FOR}.
     */
    public static String someClientAddress() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    /** An address nobody else in this test run (or an earlier one on the same database) uses. */
    public static String uniqueEmail(String hint) {
        return hint.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.com";
    }

    public User register(String displayName, String email) {
        Response response = post("/api/auth/register", null,
                Map.of("email", email, "password", PASSWORD, "displayName", displayName));
        if (response.status() != 201) {
            throw new AssertionError("register failed: " + response);
        }
        return new User(response.body().path("user").path("id").asText(), email,
                response.text("accessToken"), response.text("refreshToken"));
    }

    /** Creates an organization as the user and returns its id. */
    public String createOrganization(User owner, String name) {
        Response response = post("/api/orgs", owner.accessToken(), Map.of("name", name));
        if (response.status() != 201) {
            throw new AssertionError("create organization failed: " + response);
        }
        return response.text("id");
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null);
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body);
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body);
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null);
    }

    /** Sends a body exactly as given, for malformed JSON. */
    public Response sendRaw(String method, String path, String token, String rawBody) {
        return sendRawWithHeaders(method, path,
                token == null ? Map.of() : Map.of("Authorization", "Bearer " + token), rawBody);
    }

    /** Sends a body exactly as given (UTF-8) with these headers; a JSON content type unless they name another. */
    public Response sendRawWithHeaders(String method, String path, Map<String, String> headers, String rawBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header(FORWARDED_FOR, someClientAddress())
                .method(method, HttpRequest.BodyPublishers.ofString(rawBody));
        headers.forEach(request::setHeader);
        return execute(request.build());
    }

    private Response send(String method, String path, String token, Object body) {
        try {
            return sendRaw(method, path, token, body == null ? "" : JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Response execute(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? MissingNode.getInstance() : parse(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
