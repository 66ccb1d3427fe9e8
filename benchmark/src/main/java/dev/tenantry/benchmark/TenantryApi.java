package dev.tenantry.benchmark;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
