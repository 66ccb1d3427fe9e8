package dev.tenantry.testsupport;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Real HTTP against the running app, JSON in and out. Every answer to an {@code /api} request is checked against
 * the app's own OpenAPI document ({@code /v3/api-docs}): a status it does not list, a body that does not fit the
 * schema or a required header missing fails the test, so that the document cannot drift from what the API does.
 * The request must name an operation of the document; its parameters and body are not checked, since tests send
 * wrong input on purpose ({@link #withoutRequestChecks()} drops the operation check too, for malformed URLs).
 */
public final class ApiClient {

    public static final String PASSWORD = "correct horse battery staple";
    public static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One validator per app (port) and strictness: the document is fetched and parsed once. */
    private static final Map<String, OpenApiInteractionValidator> CONTRACTS = new ConcurrentHashMap<>();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final int port;
    private final String baseUrl;
    private final boolean requestChecks;

    public ApiClient(int port) {
        this(port, true);
    }

    private ApiClient(int port, boolean requestChecks) {
        this.port = port;
        this.baseUrl = "http://localhost:" + port;
        this.requestChecks = requestChecks;
    }

    /**
     * A client whose requests need not match any operation of the document (malformed paths, methods no endpoint
     * takes); the answers to those that do are still checked.
     */
    public ApiClient withoutRequestChecks() {
        return new ApiClient(port, false);
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
            checkAgainstContract(request, response);
            JsonNode body = response.body().isEmpty() ? MissingNode.getInstance() : parse(response.body());
            return new Response(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void checkAgainstContract(HttpRequest request, HttpResponse<String> response) {
        String path = request.uri().getRawPath();
        if (!path.startsWith("/api/")) {
            return;
        }
        List<String> violations = contractViolations(request.method(), path, request.uri().getRawQuery(),
                request.headers().map(), response.statusCode(), response.headers().map(), response.body());
        if (!violations.isEmpty()) {
            throw new AssertionError("The answer does not match /v3/api-docs: " + request.method() + " " + path
                    + " -> " + response.statusCode() + " " + response.body() + "\n  " + String.join("\n  ", violations));
        }
    }

    /** What the document does not allow of this exchange, one message each; none when it matches. */
    public List<String> contractViolations(String method, String path, String rawQuery,
                                           Map<String, List<String>> requestHeaders, int status,
                                           Map<String, List<String>> responseHeaders, String responseBody) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        if (rawQuery != null) {
            for (String pair : rawQuery.split("&")) {
                int equals = pair.indexOf('=');
                request.withQueryParam(decode(equals < 0 ? pair : pair.substring(0, equals)),
                        equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        requestHeaders.forEach(request::withHeader);
        SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
        responseHeaders.forEach(response::withHeader);
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        // An export of nothing is an empty NDJSON document, not a missing body.
        boolean ndjson = responseHeaders.entrySet().stream()
                .anyMatch(header -> header.getKey().equalsIgnoreCase("Content-Type")
                        && header.getValue().stream().anyMatch(value -> value.startsWith("application/x-ndjson")));
        return contract().validate(request.build(), response.build()).getMessages().stream()
                .filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .filter(message -> !(ndjson && message.getKey().equals("validation.response.body.missing")))
                .map(message -> message.getKey() + ": " + message.getMessage())
                .toList();
    }

    private OpenApiInteractionValidator contract() {
        return CONTRACTS.computeIfAbsent(port + "/" + requestChecks, key -> {
            HttpResponse<String> document;
            try {
                document = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (document.statusCode() != 200) {
                throw new AssertionError("no OpenAPI document: " + document.statusCode());
            }
            return OpenApiInteractionValidator.createForInlineApiSpecification(document.body())
                    .withLevelResolver(levels(requestChecks))
                    .build();
        });
    }

    /**
     * Answers are checked in full. Of the request, only that it names an operation: the tests send malformed
     * parameters and bodies on purpose, and the answer to those is what must be documented.
     */
    private static LevelResolver levels(boolean requestChecks) {
        ValidationReport.Level operation = requestChecks ? ValidationReport.Level.ERROR : ValidationReport.Level.IGNORE;
        return LevelResolver.create()
                .withLevel("validation.request", ValidationReport.Level.IGNORE)
                .withLevel("validation.request.path.missing", operation)
                .withLevel("validation.request.operation.notAllowed", operation)
                .withLevel("validation.response", ValidationReport.Level.ERROR)
                .withDefaultLevel(ValidationReport.Level.ERROR)
                .build();
    }

    private static String decode(String value) {
        return java.net.URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }
}
