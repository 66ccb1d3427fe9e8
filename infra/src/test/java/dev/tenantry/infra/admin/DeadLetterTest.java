package dev.tenantry.infra.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.organization.RenameOrganizationCommand;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One event a read model cannot handle parks its own aggregate's events, and only those: every other tenant's
 * events flow on. The edge refuses the NUL character that made such an event over HTTP, so the test sends the
 * command itself, as any other producer of events could.
 */
@IntegrationTest
class DeadLetterTest {

    // PostgreSQL stores no U+0000 in text: the organizations read model fails on this name.
    private static final String POISON = "Poison\u0000Name";

    @LocalServerPort
    int port;
    @Autowired
    CommandGateway commandGateway;
    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private String admin;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        admin = PlatformAdmin.accessToken(api);
    }

    @AfterEach
    void evictWhatIsLeft() {
        jdbc.queryForList("select dead_letter_id from dead_letter_entry", String.class)
                .forEach(id -> api.delete("/api/admin/dead-letters/" + id, admin));
    }

    @Test
    void aPoisonEventParksItsOwnOrganizationWhileEveryOtherTenantFlowsOn() {
        User owner = api.register("Paula Poisoned");
        String poisoned = api.createOrganization(owner, "Poisoned Inc");

        commandGateway.sendAndWait(new RenameOrganizationCommand(poisoned, POISON, owner.id()));
        // Parked after its second failed attempt (Axon pauses a second between them); until then the read model waits.
        parked("organizations");
        // A later, harmless change of the same organization waits behind the poison, in order.
        assertThat(api.patch("/api/orgs/" + poisoned, owner.accessToken(), Map.of("name", "Cured Inc")).status())
                .isEqualTo(200);

        // Other tenants: created, renamed and read back as usual (before: 404 for everyone from here on).
        User other = api.register("Otto Other");
        Response created = api.post("/api/orgs", other.accessToken(), Map.of("name", "Healthy Inc"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String healthy = created.text("id");
        assertThat(api.patch("/api/orgs/" + healthy, other.accessToken(), Map.of("name", "Healthier Inc"))
                .text("name")).isEqualTo("Healthier Inc");

        List<JsonNode> parked = parked("organizations");
        assertThat(parked).hasSize(2);
        assertThat(parked).allSatisfy(letter -> assertThat(letter.path("sequence").asText()).isEqualTo(poisoned));
        assertThat(parked.get(0).path("eventType").asText()).endsWith("OrganizationRenamedEvent");
        assertThat(parked.get(0).path("causeMessage").asText()).isNotBlank();
        assertThat(api.get("/api/orgs/" + poisoned, owner.accessToken()).text("name")).isEqualTo("Poisoned Inc");

        Response health = api.get("/actuator/health", admin);
        assertThat(health.text("status")).isEqualTo("UP");
        assertThat(health.body().at("/components/deadLetters/details/organizations").asInt()).isEqualTo(2);
        // Gauges read the table at most every 5 s (one reading per scrape for every group).
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(api.get("/actuator/prometheus", admin)
                .raw().body()).contains("tenantry_dead_letters{processingGroup=\"organizations\"} 2.0"));
    }

    @Test
    void aRetryThatFailsAgainKeepsTheSequenceParkedAndEvictingThePoisonLetsTheRestThrough() {
        User owner = api.register("Rita Retry");
        String orgId = api.createOrganization(owner, "Retry Inc");
        commandGateway.sendAndWait(new RenameOrganizationCommand(orgId, POISON, owner.id()));
        parked("organizations");
        api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Retried Inc"));
        List<JsonNode> parked = parked("organizations");
        String poison = parked.get(0).path("id").asText();

        Response retried = api.post("/api/admin/dead-letters/" + poison + "/retry", admin, Map.of());
        assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
        assertThat(retried.body().path("handled").asBoolean()).isFalse();
        assertThat(retried.body().path("stillParked").asInt()).isEqualTo(2);

        assertThat(api.delete("/api/admin/dead-letters/" + poison, admin).status()).isEqualTo(204);
        String rest = parked("organizations").get(0).path("id").asText();
        Response second = api.post("/api/admin/dead-letters/" + rest + "/retry", admin, Map.of());
        assertThat(second.body().path("handled").asBoolean()).as(second.toString()).isTrue();
        assertThat(second.body().path("stillParked").asInt()).isZero();
        assertThat(api.get("/api/orgs/" + orgId, owner.accessToken()).text("name")).isEqualTo("Retried Inc");
    }

    @Test
    void unknownDeadLettersAre404AndOnlyPlatformAdminsSeeThem() {
        assertThat(api.delete("/api/admin/dead-letters/nope", admin).text("code")).isEqualTo("dead-letter-not-found");
        assertThat(api.post("/api/admin/dead-letters/nope/retry", admin, Map.of()).status()).isEqualTo(404);
        assertThat(api.get("/api/admin/dead-letters", api.register("Nosy").accessToken()).status()).isEqualTo(403);
        assertThat(api.get("/api/admin/dead-letters?limit=0", admin).text("field")).isEqualTo("limit");
    }

    /** The letters of one read model, oldest first, once the processor has parked them. */
    private List<JsonNode> parked(String group) {
        List<JsonNode> letters = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            letters.clear();
            api.get("/api/admin/dead-letters", admin).body().path("items").forEach(letter -> {
                if (letter.path("processingGroup").asText().equals(group)) {
                    letters.add(letter);
                }
            });
            return !letters.isEmpty();
        });
        return letters;
    }
}
