package dev.tenantry.infra.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OperabilityTest {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void healthShowsEveryoneTheStatusAndOnlyPlatformAdminsTheDetails() {
        ApiClient.Response anonymous = api.get("/actuator/health", null);
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.text("status")).isEqualTo("UP");
        assertThat(anonymous.body().has("components")).as(anonymous.toString()).isFalse();
        assertThat(api.get("/actuator/health", api.register("Nosy").accessToken()).body().has("components"))
                .isFalse();

        ApiClient.Response admin = api.get("/actuator/health", PlatformAdmin.accessToken(api));
        assertThat(admin.body().at("/components/db/status").asText()).isEqualTo("UP");
        JsonNode processors = admin.body().at("/components/eventProcessors/details");
        assertThat(processors.fieldNames()).toIterable()
                .contains("organizations", "memberships", "user-profiles");
        assertThat(processors.at("/organizations/running").asBoolean()).isTrue();
    }

    @Test
    void infoNamesTheBuildAndNothingOfTheJvmOrTheEnvironment() {
        ApiClient.Response info = api.get("/actuator/info", null);
        assertThat(info.status()).isEqualTo(200);
        assertThat(info.body().at("/build/artifact").asText()).isEqualTo("infra");
        assertThat(info.body().at("/build/name").asText()).isEqualTo("Tenantry application");
        assertThat(info.body().has("java")).isFalse();
        assertThat(info.body().has("app")).isFalse();
    }

    @Test
    void theOpenApiDocumentCoversEveryEndpoint() {
        ApiClient.Response document = api.get("/v3/api-docs", null);
        assertThat(document.status()).isEqualTo(200);
        List<String> operations = new ArrayList<>();
        document.body().path("paths").fields().forEachRemaining(path ->
                path.getValue().fieldNames().forEachRemaining(method ->
                        operations.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(operations).contains(
                "POST /api/auth/register", "POST /api/auth/login", "POST /api/auth/refresh", "POST /api/auth/logout",
                "POST /api/auth/verify-email", "POST /api/auth/password-reset", "POST /api/auth/password-reset/confirm",
                "GET /api/me", "POST /api/orgs", "GET /api/orgs", "GET /api/orgs/{orgId}", "PATCH /api/orgs/{orgId}",
                "DELETE /api/orgs/{orgId}", "GET /api/orgs/{orgId}/members");
        assertThat(api.get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void aMalformedUrlIsAProblemNotAnErrorPage() {
        ApiClient.User user = api.register("Url");
        ApiClient.Response response = api.get("/api/orgs//members", user.accessToken());
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("malformed-request");
    }

    @Test
    void everyResponseCarriesACorrelationIdAndEchoesTheClients() {
        assertThat(api.get("/actuator/health", null).header("X-Correlation-Id")).isNotBlank();
    }
}
