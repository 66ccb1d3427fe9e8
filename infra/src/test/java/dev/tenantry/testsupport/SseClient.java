package dev.tenantry.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A Server-Sent Events client that reads a stream the way a browser's EventSource does (event, id, data lines,
 * blank line ends an event) on its own thread. {@link #close()} drops the TCP connection, as a closed tab does.
 * HttpURLConnection rather than java.net.http: it can disconnect for certain on Java 17.
 */
public final class SseClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Event(String name, String id, String data) {

        public JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final HttpURLConnection connection;
    private final int status;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final AtomicInteger comments = new AtomicInteger();

    private SseClient(int port, HttpURLConnection connection, Map<String, List<String>> requestHeaders)
            throws IOException {
        this.connection = connection;
        this.status = connection.getResponseCode();
        checkAgainstContract(port, requestHeaders);
        if (status == 200) {
            Thread reader = new Thread(this::read, "sse-client");
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Opens {@code path} with these request headers; a status other than 200 is kept, not thrown. */
    public static SseClient open(int port, String path, Map<String, String> headers) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create("http://localhost:" + port + path).toURL()
                    .openConnection();
            connection.setRequestProperty("Accept", "text/event-stream");
            connection.setRequestProperty(ApiClient.FORWARDED_FOR, ApiClient.someClientAddress());
            headers.forEach(connection::setRequestProperty);
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(60_000);
            return new SseClient(port, connection, connection.getRequestProperties());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The answer's status and headers, and a refusal's body, held to the OpenAPI document as {@link ApiClient} holds
     * its answers; a stream's events are not part of it.
     */
    private void checkAgainstContract(int port, Map<String, List<String>> requestHeaders) throws IOException {
        Map<String, List<String>> responseHeaders = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null) {
                responseHeaders.put(name, values);
            }
        });
        String body = null;
        if (status != 200 && connection.getErrorStream() != null) {
            body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        URI uri = URI.create(connection.getURL().toString());
        List<String> violations = new ApiClient(port).contractViolations("GET", uri.getRawPath(), uri.getRawQuery(),
                        requestHeaders, status, responseHeaders, body).stream()
                .filter(violation -> status != 200 || !violation.startsWith("validation.response.body.missing"))
                .toList();
        if (!violations.isEmpty()) {
            throw new AssertionError("The answer does not match /v3/api-docs: GET " + uri + " -> " + status + " "
                    + body + "\n  " + String.join("\n  ", violations));
        }
    }

    public int status() {
        return status;
    }

    /** Heartbeats and other comment lines received so far. */
    public int comments() {
        return comments.get();
    }

    /** The next event matching, skipping (and dropping) the others; fails the test after the timeout. */
    public Event next(Predicate<Event> matching, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Event> skipped = new ArrayList<>();
        try {
            while (true) {
                Event event = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (event == null) {
                    throw new AssertionError("No matching event within " + timeout + "; skipped " + skipped);
                }
                if (matching.test(event)) {
                    return event;
                }
                skipped.add(event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    public Event next(String name, Duration timeout) {
        return next(event -> event.name().equals(name), timeout);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            String name = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, id, data.toString()));
                    }
                    name = "message";
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    comments.incrementAndGet();
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                }
            }
        } catch (IOException closed) {
            // closed by close(), or by the server
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
