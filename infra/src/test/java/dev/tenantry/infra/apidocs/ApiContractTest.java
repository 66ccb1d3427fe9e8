package dev.tenantry.infra.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the OpenAPI document promises beyond what springdoc reads off the controllers, and that {@link ApiClient}
 * holds every answer of the suite to it.
 */
@IntegrationTest
class ApiContractTest {

    private static final String PROBLEM = "#/components/schemas/Problem";
    private static final Map<String, List<String>> PROBLEM_JSON = Map.of(
            "Content-Type", List.of("application/problem+json"), "X-Correlation-Id", List.of("c-1"));

    @LocalServerPort
    int port;
    ApiClient api;
    JsonNode document;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        document = api.get("/v3/api-docs", null).body();
    }

    @Test
    void creationAnswers201Or202WithLocationAndTheRefusalsAsProblems() {
        JsonNode create = operation("/api/orgs", "post").path("responses");

        assertThat(create.fieldNames()).toIterable()
                .containsExactly("201", "202", "400", "401", "403", "409", "413", "415", "429", "500", "503");
        assertThat(create.at("/201/headers/Location/required").asBoolean()).isTrue();
        assertThat(create.at("/202/headers/Location/required").asBoolean()).isTrue();
        assertThat(create.path("202").has("content")).isFalse();
        assertThat(create.at("/409/content/application~1problem+json/schema/$ref").asText()).isEqualTo(PROBLEM);
        assertThat(create.at("/429/headers/Retry-After").isObject()).isTrue();
        assertThat(create.at("/429/headers/RateLimit-Reset").isObject()).isTrue();
    }

    @Test
    void everyAnswerCarriesTheCorrelationIdAndEveryRefusalIsAProblem() {
        List<String> missing = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op ->
                op.getValue().path("responses").fields().forEachRemaining(response -> {
                    String where = op.getKey() + " " + path.getKey() + " " + response.getKey();
                    if (!response.getValue().at("/headers/X-Correlation-Id/required").asBoolean()) {
                        missing.add(where + ": X-Correlation-Id");
                    }
                    if (response.getKey().compareTo("400") >= 0 && !PROBLEM.equals(response.getValue()
                            .at("/content/application~1problem+json/schema/$ref").asText())) {
                        missing.add(where + ": problem");
                    }
                })));

        assertThat(missing).isEmpty();
        assertThat(document.at("/components/schemas/Problem/properties").fieldNames()).toIterable()
                .contains("type", "title", "status", "detail", "code", "field", "errors");
        assertThat(document.at("/components/schemas/Problem/properties/errors/items/properties").fieldNames())
                .toIterable().containsExactly("field", "message");
    }

    @Test
    void theOpenEndpointsNeedNoTokenAndTheOthersABearerToken() {
        assertThat(document.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(operation("/api/auth/login", "post").path("security")).isEmpty();
        assertThat(operation("/api/plans", "get").path("security")).isEmpty();
        assertThat(operation("/api/invitations/{token}/decline", "post").path("security")).isEmpty();
        assertThat(operation("/api/plans", "get").path("responses").has("401")).isFalse();
        assertThat(operation("/api/me", "get").at("/security/0/bearer").isArray()).isTrue();
        assertThat(operation("/api/admin/orgs", "get").path("responses").has("403")).isTrue();
        // The stream takes a token or a ticket of its own.
        assertThat(operation("/api/orgs/{orgId}/stream", "get").path("security")).hasSize(2);
    }

    @Test
    void anOperationsOwnProblemsAreDocumentedWithTheirCodes() {
        JsonNode show = operation("/api/invitations/{token}", "get").path("responses");

        assertThat(show.at("/410/description").asText()).contains("invitation-expired");
        assertThat(show.at("/409/description").asText()).contains("invitation-revoked");
        assertThat(operation("/api/auth/refresh", "post").at("/responses/401/description").asText())
                .contains("session-expired");
    }

    @Test
    void anAnswerTheDocumentDoesNotAllowIsReported() {
        Map<String, List<String>> json = Map.of("Content-Type", List.of("application/json"),
                "X-Correlation-Id", List.of("c-1"));

        assertThat(api.contractViolations("GET", "/api/plans", null, Map.of(), 200, json, "{\"items\": []}"))
                .isEmpty();
        assertThat(api.contractViolations("GET", "/api/plans", null, Map.of(), 201, json, "{\"items\": []}"))
                .anyMatch(message -> message.startsWith("validation.response.status.unknown"));
        assertThat(api.contractViolations("GET", "/api/plans", null, Map.of(), 200, json, "{\"items\": 3}"))
                .anyMatch(message -> message.startsWith("validation.response.body"));
        assertThat(api.contractViolations("GET", "/api/plans", null, Map.of(), 200,
                Map.of("Content-Type", List.of("application/json")), "{\"items\": []}"))
                .anyMatch(message -> message.contains("X-Correlation-Id"));
        assertThat(api.contractViolations("GET", "/api/plans", null, Map.of(), 503, PROBLEM_JSON,
                "{\"type\": \"https://tenantry.dev/problems/busy\", \"title\": \"Service unavailable\", \"status\": 503}"))
                .as("a problem without its code").isNotEmpty();
        assertThat(api.contractViolations("GET", "/api/nothing-here", null, Map.of(), 404, PROBLEM_JSON, ""))
                .anyMatch(message -> message.startsWith("validation.request.path.missing"));
    }

    private JsonNode operation(String path, String method) {
        JsonNode operation = document.path("paths").path(path).path(method);
        assertThat(operation.isMissingNode()).as(method + " " + path).isFalse();
        return operation;
    }
}
