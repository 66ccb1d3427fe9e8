package dev.tenantry.infra.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import dev.tenantry.testsupport.RateLimitCounters;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every operation of the API's own OpenAPI document, sent malformed path segments, query parameters, bodies and
 * content types, as a signed-in member (and the admin operations as a platform admin): whatever is wrong must be
 * answered as a 4xx, never a 5xx. Found this way before: a NUL character, a wildcard content type, a multipart body
 * without boundary, an instant beyond year 9999, each a 500.
 */
@IntegrationTest
class FuzzingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String NUL = "\u0000";
    /**
     * Live streams stay open: they have tests of their own (LiveStream*Test). Reconciliation takes no input and asks
     * Stripe about every organization, whose stand-in holds other tests' answers: run a dozen times it would change
     * their subscriptions under them.
     */
    private static final Set<String> NOT_FUZZED = Set.of("/api/orgs/{orgId}/stream", "/api/admin/billing/reconcile");
    /** Stripe's own failures (its stand-in answers as other tests set it up): upstream answers, not ours. */
    private static final Set<String> UPSTREAM_PROBLEMS = Set.of("stripe-refused", "stripe-unavailable");

    private static final List<String> PATH_VALUES = List.of(UUID.randomUUID().toString(), "%00", "x".repeat(300),
            "%2e%2e", "not-a-uuid", "%E2%80%AE", "-1");
    private static final List<String> QUERY_VALUES = List.of(NUL, "+1000000000-01-01T00:00:00Z", "-1",
            "99999999999999999999999", "%", "_", "", "1e309", "2026-13-45T99:99:99Z", "[]", "x".repeat(3000));
    private static final List<String> BODIES = List.of("", "null", "[]", "{}", "{\"a\":", "\"text\"", "123",
            "{\"a\":1} trailing", "[".repeat(200), "{\"x\":" + "[".repeat(40) + "]".repeat(40) + "}",
            "\uFEFF{}", "{\"a\":\"\\ud800\"}");
    private static final List<Object> FIELD_VALUES = List.of(NUL, "a" + NUL + "b", 1e308, -1,
            Long.MAX_VALUE, List.of(), Map.of(), true, "x".repeat(5000), "+1000000000-01-01T00:00:00Z", "");
    private static final List<String> CONTENT_TYPES = List.of("multipart/form-data", "*/*", "text/plain",
            "application/x-www-form-urlencoded", "application/json; charset=nonsense", "application/*");

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private final List<String> serverErrors = new ArrayList<>();
    private final List<String> undocumentedAnswers = new ArrayList<>();
    private int sent;

    /** Whom the requests come from; replaced when an operation ends its session (logout-all, a closed organization). */
    private User user;
    private String organizationId;

    @Test
    void noMalformedRequestToAnyOperationIsAnswered5xx() throws Exception {
        // The requests are malformed on purpose; their answers must still be ones the document names.
        api = new ApiClient(port).withoutRequestChecks();
        JsonNode document = JSON.readTree(api.get("/v3/api-docs", null).raw().body());
        String adminToken = PlatformAdmin.accessToken(api);
        freshMember();

        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (NOT_FUZZED.contains(path.getKey())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext(); ) {
                Map.Entry<String, JsonNode> operation = operations.next();
                String method = operation.getKey().toUpperCase();
                boolean admin = path.getKey().startsWith("/api/admin");
                fuzz(document, method, path.getKey(), operation.getValue(), admin ? adminToken : null);
            }
        }

        assertThat(sent).as("requests sent").isGreaterThan(1000);
        assertThat(serverErrors).isEmpty();
        assertThat(undocumentedAnswers).isEmpty();
    }

    private void fuzz(JsonNode document, String method, String template, JsonNode operation, String adminToken) {
        // Each operation starts with a full quota: the limits are not what this test is about.
        RateLimitCounters.forget(jdbc, "api", user.id());
        RateLimitCounters.forget(jdbc, "organization-api", organizationId);
        RateLimitCounters.forget(jdbc, "organization-creation", user.id());
        String token = adminToken != null ? adminToken : user.accessToken();
        String validPath = template.replace("{orgId}", organizationId).replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
        List<String> queryNames = new ArrayList<>();
        operation.path("parameters").forEach(parameter -> {
            if ("query".equals(parameter.path("in").asText())) {
                queryNames.add(parameter.path("name").asText());
            }
        });
        List<String> fields = bodyFields(document, operation);
        boolean takesBody = operation.has("requestBody");
        String validBody = takesBody ? "{}" : "";

        for (String value : PATH_VALUES) {
            // Each path variable in turn, the others valid.
            for (String variable : pathVariables(template)) {
                String path = template.replace("{" + variable + "}", value).replace("{orgId}", organizationId)
                        .replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
                send(method, path, token, validBody, "application/json");
            }
        }
        for (String name : queryNames) {
            // A parameter without value, and one named after no parameter and holding NUL in its name.
            send(method, validPath + "?" + name, token, validBody, "application/json");
            send(method, validPath + "?%00" + name + "=1", token, validBody, "application/json");
            for (String value : QUERY_VALUES) {
                send(method, validPath + "?" + name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8), token,
                        validBody, "application/json");
            }
        }
        if (takesBody || !"GET".equals(method)) {
            for (String body : BODIES) {
                send(method, validPath, token, body, "application/json");
            }
            for (String field : fields) {
                for (Object value : FIELD_VALUES) {
                    ObjectNode body = JSON.createObjectNode();
                    body.set(field, JSON.valueToTree(value));
                    send(method, validPath, token, body.toString(), "application/json");
                }
            }
            for (String contentType : CONTENT_TYPES) {
                send(method, validPath, token, "{\"name\":\"x\"}", contentType);
            }
        }
        if (api.get("/api/me", user.accessToken()).status() != 200
                || api.get("/api/orgs/" + organizationId, user.accessToken()).status() != 200) {
            freshMember();
        }
    }

    private void send(String method, String path, String token, String body, String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        if (token != null) {
            headers.put("Authorization", "Bearer " + token);
        }
        Response response;
        try {
            response = api.sendRawWithHeaders(method, path, headers, body);
        } catch (RuntimeException e) {
            serverErrors.add(method + " " + path + " (" + contentType + ") " + abbreviate(body) + " -> " + e);
            return;
        } catch (AssertionError undocumented) {
            sent++;
            undocumentedAnswers.add("(" + contentType + ") " + undocumented.getMessage());
            return;
        }
        sent++;
        if (response.status() >= 500 && !UPSTREAM_PROBLEMS.contains(response.text("code"))) {
            serverErrors.add(method + " " + path + " (" + contentType + ") " + abbreviate(body) + " -> " + response);
        }
    }

    private void freshMember() {
        user = api.register("Fuzzy Member");
        organizationId = api.createOrganization(user, "Fuzz Co " + UUID.randomUUID().toString().substring(0, 8));
    }

    private static List<String> pathVariables(String template) {
        List<String> variables = new ArrayList<>();
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            variables.add(matcher.group(1));
        }
        return variables;
    }

    /** The top-level fields of the operation's JSON body, from its schema in the document. */
    private static List<String> bodyFields(JsonNode document, JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        String reference = schema.path("$ref").asText("");
        if (reference.startsWith("#/components/schemas/")) {
            schema = document.path("components").path("schemas").path(reference.substring("#/components/schemas/".length()));
        }
        List<String> fields = new ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        return fields;
    }

    private static String abbreviate(String body) {
        return body.length() > 80 ? body.substring(0, 80) + "…" : body;
    }
}
