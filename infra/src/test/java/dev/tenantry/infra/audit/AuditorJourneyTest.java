package dev.tenantry.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.billing.StripeTestEvents;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The auditor's whole job on one tenant: history built through the API (organization, invitations, roles, a
 * Stripe webhook), the stream paged and filtered, the export's hash chain recomputed here from its lines alone,
 * the state at three instants compared with what the API showed then, and a row edited in SQL named by verify.
 */
@IntegrationTest
class AuditorJourneyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    User owner;
    String orgId;

    record Seen(Instant at, String name, Map<String, String> roles, String plan) {
    }

    @Test
    void anAuditorPagesExportsRecomputesRewindsAndCatchesATamperedRow() throws Exception {
        api = new ApiClient(port);
        Team team = new Team(api, commands);
        owner = api.register("Orla Owner");
        orgId = api.createOrganization(owner, "Audit Journey Co");
        User auditor = team.join(orgId, owner, Role.AUDITOR, "Abe Auditor");
        User colleague = team.join(orgId, owner, Role.MEMBER, "Cole Colleague");
        assertThat(api.patch("/api/orgs/" + orgId + "/members/" + colleague.id(), owner.accessToken(),
                Map.of("role", "ADMIN")).status()).isEqualTo(200);
        Seen first = seeNow();

        // Stripe says the organization now pays for pro.
        String customer = StripeTestEvents.newId("cus");
        String webhook = StripeTestEvents.event(StripeTestEvents.newId("evt"), "customer.subscription.updated",
                Instant.now(), StripeTestEvents.subscription(StripeTestEvents.newId("sub"), customer, orgId, "active",
                        StripeTestEvents.PRO, Instant.now().plus(30, ChronoUnit.DAYS)));
        assertThat(StripeTestEvents.deliver(api, webhook).text("outcome")).isEqualTo("processed");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(
                api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body().at("/plan/key").asText())
                .isEqualTo("pro"));
        Seen second = seeNow();

        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Audit Journey Co Ltd"))
                .status()).isEqualTo(200);
        assertThat(api.delete("/api/orgs/" + orgId + "/members/" + colleague.id(), owner.accessToken()).status())
                .isEqualTo(204);
        Seen third = seeNow();

        // Paged in fives, and filtered.
        List<JsonNode> paged = new ArrayList<>();
        long after = 0;
        do {
            JsonNode page = get("/audit/events?limit=5&after=" + after, auditor);
            page.path("items").forEach(paged::add);
            after = page.path("nextAfter").asLong(-1);
        } while (after >= 0);
        assertThat(paged).extracting(e -> e.path("sequence").asLong()).isSorted().doesNotHaveDuplicates();
        assertThat(paged.get(paged.size() - 1).path("sequence").asLong()).isEqualTo(paged.size());
        assertThat(paged).anySatisfy(e -> assertThat(e.path("stripeEventId").asText()).startsWith("evt_"));
        assertThat(get("/audit/events?type=MemberRemovedEvent", auditor).path("items")).hasSize(1);
        assertThat(get("/audit/events?actor=" + colleague.id(), auditor).path("items")).allSatisfy(e ->
                assertThat(e.path("actorId").asText()).isEqualTo(colleague.id()));

        // Exported, and the chain recomputed here from the lines alone.
        String[] lines = api.get("/api/orgs/" + orgId + "/audit/export", auditor.accessToken()).raw().body()
                .split("\n");
        assertThat(lines).hasSize(paged.size());
        String previous = IndependentChain.genesis(orgId);
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("previousHash").asText()).isEqualTo(previous);
            assertThat(entry.path("hash").asText()).isEqualTo(IndependentChain.hash(previous, entry));
            previous = entry.path("hash").asText();
        }
        JsonNode head = get("/audit/head", auditor);
        assertThat(head.path("hash").asText()).isEqualTo(previous);
        assertThat(get("/audit/verify", auditor).path("status").asText()).isEqualTo("intact");

        // The organization at three instants is what the API showed then.
        for (Seen seen : new Seen[]{first, second, third}) {
            JsonNode state = get("/audit/state?at=" + seen.at(), auditor);
            assertThat(state.path("name").asText()).isEqualTo(seen.name());
            Map<String, String> roles = new HashMap<>();
            state.path("members").forEach(m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
            assertThat(roles).as("members at %s", seen.at()).isEqualTo(seen.roles());
            assertThat(state.path("plan").asText()).as("plan at %s", seen.at()).isEqualTo(seen.plan());
        }

        // Someone edits a row in the database: verify names it.
        long tampered = paged.get(paged.size() / 2).path("sequence").asLong();
        jdbc.update("update audit_entry set actor_id = 'someone-else' where tenant_id = ? and sequence = ?",
                orgId, tampered);
        JsonNode verify = get("/audit/verify", auditor);
        assertThat(verify.path("status").asText()).isEqualTo("broken");
        assertThat(verify.path("firstBrokenSequence").asLong()).isEqualTo(tampered);
    }

    private Seen seeNow() {
        JsonNode organization = api.get("/api/orgs/" + orgId, owner.accessToken()).body();
        Map<String, String> roles = new HashMap<>();
        api.get("/api/orgs/" + orgId + "/members", owner.accessToken()).body().path("items")
                .forEach(m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        String plan = api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body().at("/plan/key").asText();
        return new Seen(Instant.now(), organization.path("name").asText(), roles, plan);
    }

    private JsonNode get(String path, User user) {
        Response response = api.get("/api/orgs/" + orgId + path, user.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }


}
