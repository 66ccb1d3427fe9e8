package dev.tenantry.infra;

import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The app as a newcomer runs it: no configuration but a data dir, so it starts its own PostgreSQL and makes
 * its own JWT secret; stopped and started again on the same data dir, it still has everything. Deliberately
 * outside the shared test context: this test owns two whole application lifecycles.
 */
class ApplicationRestartTest {

    @TempDir
    Path dataDir;

    @Test
    void startsWithNoConfigurationAndKeepsItsDataAcrossARestart() {
        String email;
        String accessToken;
        String organizationId;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = new ApiClient(port(first));
            ApiClient.User ana = api.register("Ana");
            email = ana.email();
            accessToken = ana.accessToken();
            organizationId = api.createOrganization(ana, "Restart Co");
        }
        assertThat(dataDir.resolve("postgres/PG_VERSION")).exists();
        assertThat(dataDir.resolve("jwt-secret")).exists();
        assertThat(Files.exists(dataDir.resolve("postgres/postmaster.pid"))).as("PostgreSQL stopped").isFalse();

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = new ApiClient(port(second));
            // The generated secret was kept: a token from before the restart is still valid.
            ApiClient.Response me = api.get("/api/me", accessToken);
            assertThat(me.status()).isEqualTo(200);
            assertThat(me.body().path("organizations").get(0).path("id").asText()).isEqualTo(organizationId);
            ApiClient.Response login = api.post("/api/auth/login", null,
                    Map.of("email", email, "password", ApiClient.PASSWORD));
            assertThat(login.status()).isEqualTo(200);
            ApiClient.Response organization = api.get("/api/orgs/" + organizationId, login.text("accessToken"));
            assertThat(organization.status()).isEqualTo(200);
            assertThat(organization.text("name")).isEqualTo("Restart Co");
        }
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TenantryApplication.class)
                // Blank the test JVM's fixed secret (config/application.properties): a newcomer has none.
                .run("--tenantry.data-dir=" + dataDir, "--server.port=0", "--tenantry.jwt.secret=");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
