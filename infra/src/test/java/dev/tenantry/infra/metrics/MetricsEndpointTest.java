package dev.tenantry.infra.metrics;

import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.billing.StripeTestEvents;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} over real HTTP: who may read it, and that the meters operators watch are in it with
 * the tags they filter by, counting what this test did.
 */
@IntegrationTest
class MetricsEndpointTest {

    private static final String PATH = "/actuator/prometheus";
    /** config/application.properties */
    private static final String SCRAPE_TOKEN = "tenantry-integration-tests-only-metrics-scrape-token";

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

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
    void aPlatformAdminSeesCommandsRequestsThePoolWebhooksProcessorLagAndTheOutbox() throws SQLException {
        String admin = PlatformAdmin.accessToken(api);
        Scrape before = scrape(admin);
        User owner = api.register("Metered Owner");
        String orgId = api.createOrganization(owner, "Metered Co");

        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Metered Corp")).status())
                .isEqualTo(200);
        assertThat(api.get("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(200);
        String event = StripeTestEvents.event(StripeTestEvents.newId("evt"), "customer.subscription.created",
                Instant.now().truncatedTo(ChronoUnit.SECONDS), StripeTestEvents.subscription(
                        StripeTestEvents.newId("sub"), StripeTestEvents.newId("cus"), orgId, "active",
                        StripeTestEvents.PRO, Instant.now().plus(30, ChronoUnit.DAYS)));
        assertThat(StripeTestEvents.deliver(api, event).text("outcome")).isEqualTo("processed");
        assertThat(StripeTestEvents.deliver(api, event).text("outcome")).isEqualTo("duplicate");
        assertThat(api.sendRawWithHeaders("POST", "/api/webhooks/stripe",
                Map.of("Stripe-Signature", "t=1,v1=00"), event).status()).isEqualTo(400);
        assertThat(api.delete("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(204);
        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Closed Corp")).status())
                .isEqualTo(409);

        Scrape after = scrape(admin);

        Map<String, String> rename = Map.of("payloadType", "RenameOrganizationCommand");
        assertThat(increase(before, after, "commandBus_successCounter_total", rename)).isEqualTo(1);
        assertThat(increase(before, after, "commandBus_failureCounter_total", rename)).isEqualTo(1);
        assertThat(increase(before, after, "commandBus_allTimer_seconds_count", rename)).isEqualTo(2);
        assertThat(increase(before, after, "commandBus_successTimer_seconds_count", rename)).isEqualTo(1);
        assertThat(increase(before, after, "commandBus_failureTimer_seconds_count", rename)).isEqualTo(1);

        assertThat(after.find("http_server_requests_seconds_count",
                Map.of("method", "GET", "uri", "/api/orgs/{orgId}", "status", "200"))).isNotEmpty();
        assertThat(after.text()).as("routes are tagged by their template, never by an id").doesNotContain(orgId);

        assertThat(increase(before, after, "tenantry_stripe_webhooks_total",
                Map.of("outcome", "processed", "type", "customer.subscription.created"))).isEqualTo(1);
        assertThat(increase(before, after, "tenantry_stripe_webhooks_total",
                Map.of("outcome", "duplicate", "type", "customer.subscription.created"))).isEqualTo(1);
        assertThat(increase(before, after, "tenantry_stripe_webhooks_total",
                Map.of("outcome", "invalid-signature", "type", "unknown"))).isEqualTo(1);

        for (String processor : streamingProcessors()) {
            Map<String, String> tag = Map.of("processor", processor);
            assertThat(after.find("tenantry_processor_lag_events", tag)).as(processor).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(0));
            assertThat(after.find("tenantry_processor_lag_seconds", tag)).as(processor).singleElement()
                    .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(0));
        }
        assertThat(streamingProcessors()).filteredOn(ProjectionCatchUp::isReadModel)
                .contains("organizations", "memberships", "subscriptions", "dashboard", "platform-analytics");

        for (String pool : List.of("tenantry-requests", "tenantry-background", "tenantry-streams")) {
            for (String meter : List.of("hikaricp_connections_active", "hikaricp_connections_idle",
                    "hikaricp_connections_pending", "hikaricp_connections_max")) {
                assertThat(after.find(meter, Map.of("pool", pool))).as(meter + " " + pool).hasSize(1);
            }
            assertThat(after.find("hikaricp_connections_acquire_seconds_count", Map.of("pool", pool))).hasSize(1);
        }

        assertThat(after.find("tenantry_mail_outbox_depth", Map.of())).singleElement()
                .satisfies(sample -> assertThat(sample.value()).isGreaterThanOrEqualTo(0));
    }

    private Scrape scrape(String token) {
        Response response = api.get(PATH, token);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return Scrape.parse(response.raw().body());
    }

    private static double increase(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.value(name, labels) - before.value(name, labels);
    }

    private List<String> streamingProcessors() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(processor -> processor.getName())
                .toList();
    }
}
