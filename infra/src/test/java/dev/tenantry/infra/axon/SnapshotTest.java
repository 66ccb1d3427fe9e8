package dev.tenantry.infra.axon;

import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.command.LongLivedAggregates;
import dev.tenantry.command.billing.Subscription;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.Snapshotter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static dev.tenantry.infra.billing.StripeTestEvents.PRO;
import static dev.tenantry.infra.billing.StripeTestEvents.deliver;
import static dev.tenantry.infra.billing.StripeTestEvents.event;
import static dev.tenantry.infra.billing.StripeTestEvents.newId;
import static dev.tenantry.infra.billing.StripeTestEvents.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Organizations and subscriptions are snapshotted every {@code tenantry.snapshots.every} events (20 in the tests),
 * and an aggregate loaded from its snapshot decides exactly as one replayed from all its events.
 */
@IntegrationTest
class SnapshotTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Snapshotter snapshotter;
    /** Dropped from, so that the next command loads the aggregate as a restarted node would: from its snapshot. */
    @Autowired
    @Qualifier(LongLivedAggregates.CACHE)
    Cache aggregateCache;

    @Test
    void anOrganizationLoadedFromItsSnapshotKeepsItsNameOverridesAndRules() {
        ApiClient api = new ApiClient(port);
        ApiClient.User owner = api.register("Sam");
        String orgId = api.createOrganization(owner, "Snap Co");
        String admin = PlatformAdmin.accessToken(api);
        String flag = "/api/admin/orgs/" + orgId + "/features/beta-reports";
        assertThat(api.sendRaw("PUT", flag, admin, "{\"enabled\":true}").status()).isEqualTo(200);
        for (int i = 1; i <= 25; i++) {
            assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Snap " + i)).status())
                    .isEqualTo(200);
        }

        Map<String, Object> snapshot = await("a snapshot").atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.queryForList("""
                        select sequence_number, convert_from(payload, 'UTF8') as payload from snapshot_event_entry
                        where aggregate_identifier = ? and type = 'Organization'""", orgId), rows -> !rows.isEmpty())
                .get(0);
        assertThat(((Number) snapshot.get("sequence_number")).longValue()).as("after 20 events (from 0)")
                .isGreaterThanOrEqualTo(19);
        assertThat((String) snapshot.get("payload")).contains("\"ownerId\":\"" + owner.id() + "\"",
                "\"featureOverrides\":{\"beta-reports\":true}", "\"status\":\"ACTIVE\"");

        // Decisions that need the state: the same override again records nothing, a rename follows the last name.
        aggregateCache.remove(orgId);
        int before = eventsOf(orgId);
        assertThat(api.sendRaw("PUT", flag, admin, "{\"enabled\":true}").status()).isEqualTo(200);
        assertThat(eventsOf(orgId)).as("the override, known from the snapshot").isEqualTo(before);
        ApiClient.Response renamed = api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Snap Final"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(jdbc.queryForObject("""
                select convert_from(payload, 'UTF8') from domain_event_entry
                where aggregate_identifier = ? order by sequence_number desc limit 1""", String.class, orgId))
                .contains("\"previousName\":\"Snap 25\"");
        assertThat(api.delete("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(204);
        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Too Late")).status())
                .isEqualTo(409);
    }

    @Test
    void aSubscriptionLoadedFromItsSnapshotStillIgnoresOlderStripeStates() {
        ApiClient api = new ApiClient(port);
        ApiClient.User owner = api.register("Sue");
        String orgId = api.createOrganization(owner, "Snap Billing Co");
        String customer = newId("cus");
        String stripeSubscription = newId("sub");
        Instant t2 = Instant.now().minusSeconds(60);
        Instant periodEnd = Instant.now().plus(Duration.ofDays(30));
        assertThat(deliver(api, event(newId("evt"), "customer.subscription.updated", t2,
                subscription(stripeSubscription, customer, orgId, "active", PRO, periodEnd))).status()).isEqualTo(200);
        awaitBilling(api, owner, orgId, "ACTIVE");

        String subscriptionId = SubscriptionIds.of(orgId);
        snapshotter.scheduleSnapshot(Subscription.class, subscriptionId); // taken on the snapshotter's own thread
        String payload = await("the subscription's snapshot").atMost(Duration.ofSeconds(10)).until(
                () -> jdbc.queryForList("""
                        select convert_from(payload, 'UTF8') from snapshot_event_entry
                        where aggregate_identifier = ? and type = 'Subscription'""", String.class, subscriptionId),
                rows -> !rows.isEmpty()).get(0);
        assertThat(payload).contains("\"plan\":\"pro\"", "\"status\":\"ACTIVE\"",
                "\"stripeSubscriptionId\":\"" + stripeSubscription + "\"", "\"lastObservedAt\"");

        // Older than what the snapshot says was applied last: ignored. Newer: applied.
        aggregateCache.remove(subscriptionId);
        assertThat(deliver(api, event(newId("evt"), "customer.subscription.updated", t2.minusSeconds(30),
                subscription(stripeSubscription, customer, orgId, "canceled", PRO, periodEnd))).status())
                .isEqualTo(200);
        assertThat(deliver(api, event(newId("evt"), "customer.subscription.updated", t2.plusSeconds(30),
                subscription(stripeSubscription, customer, orgId, "past_due", PRO, periodEnd))).status())
                .isEqualTo(200);
        awaitBilling(api, owner, orgId, "PAST_DUE");
        assertThat(jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where aggregate_identifier = ? and payload_type like '%.SubscriptionCanceledEvent'""", Integer.class,
                subscriptionId)).isZero();
    }

    private int eventsOf(String aggregateId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Integer.class, aggregateId);
    }

    private static void awaitBilling(ApiClient api, ApiClient.User owner, String orgId, String status) {
        await("billing " + status).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(
                () -> api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).text("status"), status::equals);
    }
}
