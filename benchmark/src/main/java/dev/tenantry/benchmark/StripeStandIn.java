package dev.tenantry.benchmark;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Stripe's API as far as a checkout uses it, on the loopback interface, for the nodes of the failover run: it creates
 * customers ({@code POST /v1/customers}) and Checkout Sessions ({@code POST /v1/checkout/sessions}) as Stripe's own
 * example objects ({@code stripe/*.json}, from Stripe's OpenAPI fixtures), and answers anything else 404 like an
 * unknown id. Like Stripe, it answers a repeated idempotency key with the first answer and does nothing again, and
 * refuses the key with other parameters (400 {@code idempotency_error}).
 * <p>
 * It counts per key: a create is one effect; a request with a key already used is a replay (a node that handled the
 * event again, or stripe-java retrying), not an effect. What would be a duplicate at Stripe: a second key for one
 * organization's customer or session (the app asked twice under different keys), a key reused with other parameters
 * (refused, so the rerun did not do what the first run did), and a create with no key at all.
 */
final class StripeStandIn implements AutoCloseable {

    static final String SECRET_KEY = "sk_test_tenantry_bench_standin";
    private static final Duration SESSION_LIFETIME = Duration.ofHours(24);

    private final HttpServer server;
    private final ExecutorService executor;
    private final String customerTemplate;
    private final String sessionTemplate;
    private final Map<String, Created> byKey = new HashMap<>();
    private int unkeyedCreates;
    private int replays;
    private int mismatches;
    private int requests;

    /** One create: what it was asked with, for which organization, and the answer every replay gets. */
    private record Created(String kind, String organizationId, Map<String, String> params, String answer) {
    }

    private StripeStandIn(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
        this.customerTemplate = resource("stripe/customer.json");
        this.sessionTemplate = resource("stripe/checkout.session.json");
    }

    static StripeStandIn start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "bench-stripe");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        StripeStandIn standIn = new StripeStandIn(server, executor);
        server.createContext("/", standIn::handle);
        server.start();
        return standIn;
    }

    URI baseUrl() {
        return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort());
    }

    /** The app's settings for this stand-in. */
    List<String> appArgs() {
        return List.of("--tenantry.stripe.secret-key=" + SECRET_KEY, "--tenantry.stripe.api-base=" + baseUrl());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            String kind = "POST".equals(exchange.getRequestMethod()) ? switch (path) {
                case "/v1/customers" -> "customer";
                case "/v1/checkout/sessions" -> "session";
                default -> null;
            } : null;
            if (kind == null) {
                synchronized (this) {
                    requests++;
                }
                answer(exchange, 404, error("invalid_request_error", "No such resource: " + path));
                return;
            }
            Map<String, String> params = form(body);
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            Reply reply = create(kind, key, params);
            answer(exchange, reply.status(), reply.body());
        }
    }

    private record Reply(int status, String body) {
    }

    private synchronized Reply create(String kind, String key, Map<String, String> params) {
        requests++;
        if (key == null) {
            unkeyedCreates++;
            return new Reply(200, render(kind, params));
        }
        Created first = byKey.get(kind + " " + key);
        if (first == null) {
            String organizationId = "customer".equals(kind) ? params.get("metadata[organization_id]")
                    : params.get("client_reference_id");
            byKey.put(kind + " " + key, new Created(kind, organizationId, params, render(kind, params)));
            return new Reply(200, byKey.get(kind + " " + key).answer());
        }
        if (!first.params().equals(params)) {
            mismatches++;
            return new Reply(400, error("idempotency_error", "Keys for idempotent requests can only be used with the "
                    + "same parameters they were first used with."));
        }
        replays++;
        return new Reply(200, first.answer());
    }

    private String render(String kind, Map<String, String> params) {
        String id = ("customer".equals(kind) ? "cus_" : "cs_test_")
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        String organizationId = "customer".equals(kind) ? params.get("metadata[organization_id]")
                : params.get("client_reference_id");
        String metadata = organizationId == null ? "{}"
                : "{\"organization_id\":" + Json.quote(organizationId) + "}";
        long now = Instant.now().getEpochSecond();
        if ("customer".equals(kind)) {
            return customerTemplate.replace("\"@@id@@\"", Json.quote(id))
                    .replace("\"@@metadata@@\"", metadata)
                    .replace("\"@@created@@\"", Long.toString(now));
        }
        String customer = params.get("customer");
        return sessionTemplate.replace("\"@@id@@\"", Json.quote(id))
                .replace("\"@@url@@\"", Json.quote("https://checkout.stripe.com/c/pay/" + id))
                .replace("\"@@expires_at@@\"", Long.toString(now + SESSION_LIFETIME.toSeconds()))
                .replace("\"@@customer@@\"", customer == null ? "null" : Json.quote(customer))
                .replace("\"@@client_reference_id@@\"", organizationId == null ? "null" : Json.quote(organizationId))
                .replace("\"@@metadata@@\"", metadata)
                .replace("\"@@created@@\"", Long.toString(now));
    }

    /**
     * What Stripe was asked, for the organizations that each started one checkout.
     *
     * @param duplicates customers and sessions beyond one per organization, keys reused with other parameters,
     *                   and creates without a key
     */
    record Counts(int requests, int keys, int replays, int extraCustomers, int extraSessions, int mismatches,
                  int unkeyedCreates, int sessions) {

        int duplicates() {
            return extraCustomers + extraSessions + mismatches + unkeyedCreates;
        }
    }

    synchronized Counts counts(Set<String> organizationIds) {
        Map<String, Long> customers = perOrganization("customer", organizationIds);
        Map<String, Long> sessions = perOrganization("session", organizationIds);
        return new Counts(requests, byKey.size(), replays, extra(customers), extra(sessions), mismatches,
                unkeyedCreates, (int) sessions.values().stream().mapToLong(Long::longValue).sum());
    }

    private Map<String, Long> perOrganization(String kind, Set<String> organizationIds) {
        return byKey.values().stream()
                .filter(created -> created.kind().equals(kind) && organizationIds.contains(created.organizationId()))
                .collect(Collectors.groupingBy(Created::organizationId, Collectors.counting()));
    }

    private static int extra(Map<String, Long> perOrganization) {
        return (int) perOrganization.values().stream().mapToLong(count -> count - 1).sum();
    }

    private static Map<String, String> form(String body) {
        Map<String, String> params = new TreeMap<>();
        if (body.isEmpty()) {
            return params;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            params.merge(name, value, (a, b) -> a + "," + b);
        }
        return params;
    }

    private static String error(String type, String message) {
        return "{\"error\":{\"type\":" + Json.quote(type) + ",\"message\":" + Json.quote(message) + "}}";
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Request-Id", "req_" + HexFormat.of().toHexDigits(
                ThreadLocalRandom.current().nextInt()));
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String resource(String name) {
        try (InputStream in = StripeStandIn.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
