package dev.tenantry.infra.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceIds;
import dev.tenantry.command.workspace.WorkspaceBackfill;
import dev.tenantry.infra.axon.TenantryCorrelationDataProvider;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Organizations stored by the version before workspaces (their events written to the event store as its aggregates
 * wrote them: no workspace limit, no default workspace) get what a new organization gets from the backfill.
 */
@IntegrationTest
class WorkspaceBackfillTest {

    @LocalServerPort
    int port;
    @Autowired
    WorkspaceBackfillSchedule schedule;
    @Autowired
    WorkspaceBackfill backfill;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private User owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Olga Oldtimer");
    }

    @Test
    void aProOrganizationFromBeforeWorkspacesGetsGeneralAndItsPlansLimitOnceAndAClosedOneTheLimitOnly() {
        String pro = UUID.randomUUID().toString();
        storedBeforeWorkspaces(pro, "pro");
        String closed = UUID.randomUUID().toString();
        storedBeforeWorkspaces(closed, null);
        publish(closed, "Organization", 2, new OrganizationClosedEvent(closed));
        assertThat(workspaceLimit(pro)).as("no limit on record").isNull();

        // As at a start: the task goes to db-scheduler, which runs it on one of its threads.
        schedule.scheduleOnStart();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select set_up from organization_workspaces where organization_id in (?, ?)", Boolean.class, pro,
                closed)).containsExactly(true, true));
        assertThat(workspaceLimit(pro)).isEqualTo(25);
        assertThat(workspaceLimit(closed)).isEqualTo(3);
        assertThat(eventCount(WorkspaceIds.defaultOf(closed))).as("a closed organization gets no General").isZero();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode items = api.get(workspaces(pro), owner.accessToken()).body().path("items");
            assertThat(items).hasSize(1);
            assertThat(items.get(0).path("id").asText()).isEqualTo(WorkspaceIds.defaultOf(pro));
            assertThat(items.get(0).path("name").asText()).isEqualTo("General");
            assertThat(items.get(0).path("isDefault").asBoolean()).isTrue();
            assertThat(items.get(0).path("visibility").asText()).isEqualTo("ORGANIZATION");
            assertThat(items.get(0).path("myRole").asText()).isEqualTo("ADMIN");
        });
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                api.get("/api/orgs/" + pro + "/dashboard", owner.accessToken()).body()
                        .path("workspaces").path("limit").asInt()).isEqualTo(25));

        JsonNode state = api.get("/api/orgs/" + pro + "/audit/state?at=" + Instant.now(), owner.accessToken()).body();
        assertThat(state.path("workspaceLimit").asInt()).isEqualTo(25);
        assertThat(state.path("workspaces")).extracting(workspace -> workspace.path("name").asText())
                .containsExactly("General");

        // Run again, also as after a crash between the commands and the mark: nothing more happens.
        Map<String, Long> before = eventCounts(pro, closed);
        backfill.run();
        jdbc.update("update organization_workspaces set set_up = false where organization_id in (?, ?)", pro, closed);
        backfill.run();
        assertThat(eventCounts(pro, closed)).isEqualTo(before);
        assertThat(jdbc.queryForList("select set_up from organization_workspaces where organization_id in (?, ?)",
                Boolean.class, pro, closed)).containsExactly(true, true);

        // Pro, not the free plan's 3: General and three more.
        for (String name : List.of("Two", "Three", "Four")) {
            Response created = api.post(workspaces(pro), owner.accessToken(), Map.of("name", name));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
        }
    }

    @Test
    void aWorkspaceCreatedBeforeTheBackfillReachedTheOrganizationDoesNotMakeItSkipIt() {
        String pro = UUID.randomUUID().toString();
        storedBeforeWorkspaces(pro, "pro");
        // The events went straight to the store: the API knows the owner as a member once the read models have them.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                api.get("/api/orgs/" + pro, owner.accessToken()).status()).isEqualTo(200));
        Response early = api.post(workspaces(pro), owner.accessToken(), Map.of("name", "Early"));
        assertThat(early.status()).as(early.toString()).isEqualTo(201);
        assertThat(workspaceLimit(pro)).as("the default plan's, for now").isEqualTo(3);

        backfill.run();

        assertThat(workspaceLimit(pro)).isEqualTo(25);
        assertThat(eventCount(WorkspaceIds.defaultOf(pro))).as("General, created and its owner added").isEqualTo(2);
    }

    /**
     * What creating an organization stored before workspaces, and the lookups it claimed besides; with a paid plan,
     * what Stripe's activation added. The founder is the signed-in owner.
     */
    private void storedBeforeWorkspaces(String organizationId, String paidPlan) {
        String slug = "old-" + organizationId.substring(0, 8);
        jdbc.update("insert into organization_slug (slug, organization_id) values (?, ?)", slug, organizationId);
        jdbc.update("insert into organization_seats (organization_id, seat_limit) values (?, 5)", organizationId);
        publish(organizationId, "Organization", 0, new OrganizationCreatedEvent(organizationId, "Old " + slug, slug,
                OrganizationSettings.DEFAULTS, owner.id()));
        publish(organizationId, "Organization", 1, new SeatLimitChangedEvent(organizationId, 5));
        String membershipId = MembershipIds.of(organizationId, owner.id());
        publishTo(organizationId, "Membership", membershipId, 0,
                new MemberAddedEvent(membershipId, organizationId, owner.id(), Role.OWNER));
        String subscriptionId = SubscriptionIds.of(organizationId);
        publishTo(organizationId, "Subscription", subscriptionId, 0,
                new SubscriptionStartedEvent(subscriptionId, organizationId, "free", SubscriptionStatus.FREE));
        if (paidPlan != null) {
            Instant observed = Instant.now().minusSeconds(3600);
            publishTo(organizationId, "Subscription", subscriptionId, 1, new SubscriptionActivatedEvent(subscriptionId,
                    organizationId, "evt_old_" + slug, paidPlan, SubscriptionStatus.ACTIVE, "sub_old_" + slug,
                    "cus_old_" + slug, observed.plusSeconds(86_400 * 30), observed));
            publishTo(organizationId, "Subscription", subscriptionId, 2, new SeatLimitChangedEvent(organizationId, 20));
        }
    }

    private void publish(String organizationId, String type, long sequence, Object payload) {
        publishTo(organizationId, type, organizationId, sequence, payload);
    }

    private void publishTo(String organizationId, String type, String aggregateId, long sequence, Object payload) {
        MetaData metaData = MetaData.with(TenantryCorrelationDataProvider.TENANT_ID, organizationId)
                .and(TenantryCorrelationDataProvider.ACTOR_ID, owner.id());
        transactions.executeWithoutResult(status -> eventStore.publish(
                new GenericDomainEventMessage<>(type, aggregateId, sequence, payload, metaData)));
    }

    private Integer workspaceLimit(String organizationId) {
        return jdbc.query("select workspace_limit from organization_workspaces where organization_id = ?",
                rs -> rs.next() ? (Integer) rs.getObject(1) : null, organizationId);
    }

    private Map<String, Long> eventCounts(String... organizationIds) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (String organizationId : organizationIds) {
            for (String aggregateId : List.of(organizationId, SubscriptionIds.of(organizationId),
                    WorkspaceIds.defaultOf(organizationId))) {
                counts.put(aggregateId, eventCount(aggregateId));
            }
        }
        return counts;
    }

    private long eventCount(String aggregateId) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static String workspaces(String organizationId) {
        return "/api/orgs/" + organizationId + "/workspaces";
    }
}
