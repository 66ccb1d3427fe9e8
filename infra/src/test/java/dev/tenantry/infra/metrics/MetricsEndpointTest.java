package dev.tenantry.infra.metrics;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /actuator/prometheus} over real HTTP: who may read it. */
@IntegrationTest
class MetricsEndpointTest {

    private static final String PATH = "/actuator/prometheus";
    /** config/application.properties */
    private static final String SCRAPE_TOKEN = "tenantry-integration-tests-only-metrics-scrape-token";

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void anonymousCallersAreAskedToSignIn() {
        Response response = api.get(PATH, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("authentication-required");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void signedInUsersWhoAreNotPlatformAdminsAreRefused() {
        User user = api.register("Curious Member");

        Response response = api.get(PATH, user.accessToken());

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("forbidden");
    }

    @Test
    void aWrongScrapeTokenIsRefusedLikeABadAccessToken() {
        Response response = api.get(PATH, SCRAPE_TOKEN + "-not");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("invalid-token");
    }

    @Test
    void theScrapeTokenReadsTheMetricsAndNothingElse() {
        Response scraped = api.get(PATH, SCRAPE_TOKEN);
        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");
        assertThat(Scrape.parse(scraped.raw().body()).find("jvm_threads_live_threads", Map.of())).isNotEmpty();

        Response me = api.get("/api/me", SCRAPE_TOKEN);
        assertThat(me.status()).isEqualTo(401);
        assertThat(me.text("code")).isEqualTo("invalid-token");
        assertThat(api.get("/api/admin/projections", SCRAPE_TOKEN).status()).isEqualTo(401);
    }

    @Test
    void aPlatformAdminReadsTheMetrics() {
        Response scraped = api.get(PATH, PlatformAdmin.accessToken(api));

        assertThat(scraped.status()).as(scraped.toString()).isEqualTo(200);
        assertThat(scraped.contentType()).startsWith("text/plain");
    }
}
