package dev.tenantry.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class AuditStreamTest {

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

    @BeforeEach
    void aTenantWithSomeHistory() {
        api = new ApiClient(port);
        owner = api.register("Audra Auditor");
        orgId = api.createOrganization(owner, "Audited Co");
        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Audited Co Ltd")).status())
                .isEqualTo(200);
        User member = new Team(api, commands).join(orgId, owner, Role.MEMBER, "Mo Member");
        assertThat(api.patch("/api/orgs/" + orgId + "/members/" + member.id(), owner.accessToken(),
                Map.of("role", "ADMIN")).status()).isEqualTo(200);
    }

    private List<JsonNode> all() {
        List<JsonNode> entries = new ArrayList<>();
        long after = 0;
        while (true) {
            Response page = api.get("/api/orgs/" + orgId + "/audit/events?limit=3&after=" + after, owner.accessToken());
            assertThat(page.status()).as(page.toString()).isEqualTo(200);
            page.body().path("items").forEach(entries::add);
            if (page.body().path("nextAfter").isMissingNode() || page.body().path("nextAfter").isNull()) {
                return entries;
            }
            after = page.body().path("nextAfter").asLong();
        }
    }

    @Test
    void everyEventOfTheTenantIsInItsStreamInOrderWithoutGapsAndWithWhoAndWhy() {
        List<JsonNode> entries = all();

        assertThat(entries).extracting(e -> e.path("sequence").asLong())
                .containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, entries.size()).boxed().toList());
        assertThat(entries).extracting(e -> simple(e.path("eventType").asText())).containsExactly(
                "OrganizationCreatedEvent", "SeatLimitChangedEvent", "WorkspaceLimitChangedEvent", "MemberAddedEvent",
                "SubscriptionStartedEvent", "WorkspaceCreatedEvent", "WorkspaceMemberAddedEvent",
                "OrganizationRenamedEvent", "MemberInvitedEvent", "InvitationAcceptedEvent", "MemberAddedEvent",
                "MemberRoleChangedEvent");
        assertThat(entries).allSatisfy(entry -> {
            assertThat(entry.path("tenantId").asText()).isEqualTo(orgId);
            assertThat(entry.path("correlationId").asText()).isNotBlank();
            assertThat(entry.path("eventRevision").asText()).isEqualTo("1");
            assertThat(entry.path("globalIndex").asLong()).isPositive();
        });
        assertThat(entries.get(0).path("actorId").asText()).isEqualTo(owner.id());
        assertThat(entries).extracting(e -> e.path("globalIndex").asLong()).isSorted();
    }

    @Test
    void theHashChainCanBeRecomputedFromTheEntriesAloneAndVerifiesIntact() throws Exception {
        List<JsonNode> entries = all();
        String previous = IndependentChain.genesis(orgId);
        for (JsonNode entry : entries) {
            assertThat(entry.path("previousHash").asText()).isEqualTo(previous);
            assertThat(entry.path("hash").asText()).as("entry %s", entry.path("sequence"))
                    .isEqualTo(IndependentChain.hash(previous, entry));
            previous = entry.path("hash").asText();
        }

        Response head = api.get("/api/orgs/" + orgId + "/audit/head", owner.accessToken());
        assertThat(head.body().path("sequence").asLong()).isEqualTo(entries.size());
        assertThat(head.text("hash")).isEqualTo(previous);
        Response verify = api.get("/api/orgs/" + orgId + "/audit/verify", owner.accessToken());
        assertThat(verify.status()).as(verify.toString()).isEqualTo(200);
        assertThat(verify.text("status")).isEqualTo("intact");
        assertThat(verify.body().path("checked").asLong()).isEqualTo(entries.size());
    }

    @Test
    void theExportIsOneEntryPerLineFromWhichTheChainRecomputes() throws Exception {
        Response export = api.get("/api/orgs/" + orgId + "/audit/export", owner.accessToken());

        assertThat(export.status()).as(export.toString()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        String[] lines = export.raw().body().split("\n");
        assertThat(lines).hasSize(all().size());
        String previous = IndependentChain.genesis(orgId);
        for (String line : lines) {
            JsonNode entry = JSON.readTree(line);
            assertThat(entry.path("hash").asText()).isEqualTo(IndependentChain.hash(previous, entry));
            previous = entry.path("hash").asText();
        }
        Response filtered = api.get("/api/orgs/" + orgId + "/audit/export?type=MemberAddedEvent", owner.accessToken());
        assertThat(filtered.raw().body().split("\n")).hasSize(2);
        assertThat(api.get("/api/orgs/" + orgId + "/audit/export", api.register("Eve Outsider").accessToken())
                .status()).isEqualTo(404);
    }

    /** The rename's entry: after the organization's creation with its membership, subscription and workspace. */
    private static final long RENAME_SEQUENCE = 8;

    @Test
    void anEntryEditedInTheDatabaseIsNamedByVerify() {
        jdbc.update("update audit_entry set payload = replace(payload, 'Audited Co Ltd', 'Someone Else Ltd') "
                + "where tenant_id = ? and sequence = " + RENAME_SEQUENCE, orgId);

        Response verify = api.get("/api/orgs/" + orgId + "/audit/verify", owner.accessToken());

        assertThat(verify.text("status")).isEqualTo("broken");
        assertThat(verify.body().path("firstBrokenSequence").asLong()).isEqualTo(RENAME_SEQUENCE);
        assertThat(verify.text("reason")).contains("hash does not match");
    }

    @Test
    void anEntryRehashedAfterAnEditStillDisagreesWithTheEventStore() {
        // A forger who recomputes the hashes still cannot change what the event store says.
        jdbc.update("update audit_entry set payload = replace(payload, 'Audited Co Ltd', 'Someone Else Ltd') "
                + "where tenant_id = ? and sequence = " + RENAME_SEQUENCE, orgId);
        String previous = IndependentChain.genesis(orgId);
        for (JsonNode entry : all()) {
            String hash = IndependentChain.hash(previous, entry);
            jdbc.update("update audit_entry set previous_hash = ?, hash = ? where tenant_id = ? and sequence = ?",
                    previous, hash, orgId, entry.path("sequence").asLong());
            jdbc.update("update audit_head set hash = ? where tenant_id = ?", hash, orgId);
            previous = hash;
        }

        Response verify = api.get("/api/orgs/" + orgId + "/audit/verify", owner.accessToken());

        assertThat(verify.text("status")).isEqualTo("broken");
        assertThat(verify.body().path("firstBrokenSequence").asLong()).isEqualTo(RENAME_SEQUENCE);
        assertThat(verify.text("reason")).contains("payload differs from the event store");
    }

    @Test
    void noSecretIsInTheStream() {
        JsonNode invited = all().stream().filter(e -> e.path("eventType").asText().endsWith("MemberInvitedEvent"))
                .findFirst().orElseThrow();
        assertThat(invited.path("payload").asText()).contains("\"tokenHash\":\"[redacted]\"");
        List<String> hashes = jdbc.queryForList("select token_hash from invitation_view where tenant_id = ?",
                String.class, orgId);
        String stream = all().toString();
        assertThat(hashes).isNotEmpty().allSatisfy(hash -> assertThat(stream).doesNotContain(hash));
    }

    @Test
    void concurrentCommandsOfOneTenantExtendOneLinearChain() throws Exception {
        int before = all().size();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String name = "Concurrent " + i;
            results.add(pool.submit(() -> {
                start.await();
                return api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", name)).status();
            }));
        }
        start.countDown();
        int renamed = 0;
        for (Future<Integer> result : results) {
            renamed += result.get() == 200 ? 1 : 0;
        }
        pool.shutdown();

        List<JsonNode> entries = all();
        assertThat(entries).hasSize(before + renamed);
        assertThat(api.get("/api/orgs/" + orgId + "/audit/verify", owner.accessToken()).text("status"))
                .isEqualTo("intact");
    }

    @Test
    void anotherTenantsMemberSeesNothingAndPagesAreBounded() {
        User stranger = api.register("Stan Stranger");
        assertThat(api.get("/api/orgs/" + orgId + "/audit/events", stranger.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/orgs/" + orgId + "/audit/verify", stranger.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/orgs/" + orgId + "/audit/events?limit=1001", owner.accessToken()).status())
                .isEqualTo(400);
        assertThat(api.get("/api/orgs/" + orgId + "/audit/events?limit=0", owner.accessToken()).status())
                .isEqualTo(400);
        Response filtered = api.get("/api/orgs/" + orgId + "/audit/events?type=MemberAddedEvent", owner.accessToken());
        assertThat(filtered.body().path("items")).hasSize(2);
        Response byActor = api.get("/api/orgs/" + orgId + "/audit/events?actor=" + owner.id(), owner.accessToken());
        assertThat(StreamSupport.stream(byActor.body().path("items").spliterator(), false))
                .allSatisfy(e -> assertThat(e.path("actorId").asText()).isEqualTo(owner.id()));
    }



    private static String simple(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
