package dev.tenantry.benchmark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The app's HTTP endpoints the benchmark drives, timed around the whole exchange including the response body. */
final class TenantryApi {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    // Generous so a saturated server shows up as high latency rather than as errors; still bounds the run's tail.
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final URI baseUrl;
    private final HttpClient http;

    TenantryApi(URI baseUrl) {
        this.baseUrl = baseUrl;
        // HTTP/1.1 pinned: otherwise the JDK client offers an h2c upgrade on every new connection, which the app
        // does not speak and which would only add noise to the first requests.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    Call register(String email, String password, String displayName) throws InterruptedException {
        String body = "{\"email\":" + Json.quote(email)
                + ",\"password\":" + Json.quote(password)
                + ",\"displayName\":" + Json.quote(displayName) + "}";
        return send(json("/api/auth/register").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Call createOrg(String accessToken, String name) throws InterruptedException {
        String body = "{\"name\":" + Json.quote(name) + "}";
        return send(authorized(json("/api/orgs"), accessToken).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Call renameOrg(String accessToken, String orgId, String name) throws InterruptedException {
        String body = "{\"name\":" + Json.quote(name) + "}";
        return send(authorized(json("/api/orgs/" + orgId), accessToken)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Call login(String email, String password) throws InterruptedException {
        String body = "{\"email\":" + Json.quote(email) + ",\"password\":" + Json.quote(password) + "}";
        return send(json("/api/auth/login").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A GET whose whole answer is read into memory: only for answers known to be small (a page, a verdict). */
    Call get(String accessToken, String path, Duration timeout) throws InterruptedException {
        return send(authorized(json(path), accessToken).timeout(timeout).GET());
    }

    Call patch(String accessToken, String path, String body, Duration timeout) throws InterruptedException {
        return send(authorized(json(path), accessToken).timeout(timeout)
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    Call post(String accessToken, String path, Duration timeout) throws InterruptedException {
        return send(authorized(json(path), accessToken).timeout(timeout).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * A write of the command mix, with its own correlation id: the app stores it with every event the request
     * causes, so the failover check can find each acknowledged write in the audit stream. {@code body} may be null.
     */
    Call write(String method, String accessToken, String path, String body, String correlationId)
            throws InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body);
        return send(authorized(json(path), accessToken).header("X-Correlation-Id", correlationId)
                .method(method, publisher));
    }

    /**
     * Streams an NDJSON answer without keeping it: counts its lines and bytes and keeps only the last line, so
     * the benchmark's own heap stays small whatever the size of the export.
     */
    Streamed stream(String accessToken, String path, Duration timeout) throws InterruptedException {
        HttpRequest request = authorized(HttpRequest.newBuilder(endpoint(path)), accessToken)
                .timeout(timeout).header("Accept", "application/x-ndjson").GET().build();
        long startedAt = System.nanoTime();
        long lines = 0;
        long bytes = 0;
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            long firstByteNanos = System.nanoTime() - startedAt;
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteArrayOutputStream lastComplete = new ByteArrayOutputStream();
            String lastLine = null;
            try (InputStream body = response.body()) {
                byte[] buffer = new byte[64 * 1024];
                for (int read; (read = body.read(buffer)) >= 0; ) {
                    bytes += read;
                    int lineStart = 0;
                    for (int i = 0; i < read; i++) {
                        if (buffer[i] == '\n') {
                            lines++;
                            line.write(buffer, lineStart, i - lineStart);
                            lineStart = i + 1;
                            // Copied as bytes and decoded once at the end: only the last line is looked at.
                            lastComplete.reset();
                            line.writeTo(lastComplete);
                            line.reset();
                        }
                    }
                    line.write(buffer, lineStart, read - lineStart);
                }
                lastLine = lastComplete.size() == 0 ? null : lastComplete.toString(StandardCharsets.UTF_8);
            } catch (IOException cutOff) {
                lastLine = lastComplete.size() == 0 ? null : lastComplete.toString(StandardCharsets.UTF_8);
                return new Streamed(response.statusCode(), lines, bytes, lastLine, firstByteNanos,
                        System.nanoTime() - startedAt, describe(cutOff));
            }
            String rest = line.size() == 0 ? null : line.toString(StandardCharsets.UTF_8);
            return new Streamed(response.statusCode(), lines, bytes, lastLine, firstByteNanos,
                    System.nanoTime() - startedAt, rest == null ? null : "unterminated last line: " + rest);
        } catch (IOException e) {
            return new Streamed(Call.NO_RESPONSE, lines, bytes, null, 0, System.nanoTime() - startedAt, describe(e));
        }
    }

    /** @param problem null when the body ended cleanly after a newline */
    record Streamed(int status, long lines, long bytes, String lastLine, long firstByteNanos, long nanos,
                    String problem) {
    }

    Call health(Duration timeout) throws InterruptedException {
        return send(HttpRequest.newBuilder(endpoint("/actuator/health")).timeout(timeout).GET());
    }

    private HttpRequest.Builder json(String path) {
        return HttpRequest.newBuilder(endpoint(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json");
    }

    // Appended rather than resolved, so that a --url with a context path (http://host/tenantry) keeps it.
    private URI endpoint(String path) {
        return URI.create(baseUrl + path);
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String accessToken) {
        return request.header("Authorization", "Bearer " + accessToken);
    }

    private Call send(HttpRequest.Builder request) throws InterruptedException {
        HttpRequest built = request.build();
        long startedAt = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
            return new Call(response.statusCode(), response.body(), startedAt, System.nanoTime() - startedAt);
        } catch (IOException e) {
            return new Call(Call.NO_RESPONSE, describe(e), startedAt, System.nanoTime() - startedAt);
        }
    }

    // The JDK client wraps failures in exceptions that often carry no message at all (a refused connection is
    // ConnectException <- ConnectException <- ClosedChannelException), so the class chain is the description.
    private static String describe(Throwable failure) {
        StringBuilder description = new StringBuilder();
        String message = null;
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String name = cause.getClass().getSimpleName();
            if (description.indexOf(name) < 0) {
                description.append(description.length() == 0 ? "" : " <- ").append(name);
            }
            if (message == null) {
                message = cause.getMessage();
            }
        }
        return message == null ? description.toString() : description + ": " + message;
    }
}
