package dev.tenantry.infra.billing;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A persistent deadline that a node had picked when it was killed runs on a live node within the 30 s, and
 * once. db-scheduler marks a deadline it runs as picked and stamps it with a heartbeat while it runs; a killed node
 * leaves the row picked, its last heartbeat the moment it died. Here the row is left exactly so, as if by a node
 * killed right after picking it: only the live node's scheduler (the suite's app) can run it.
 * <p>
 * The wait is real time: db-scheduler keeps a clock of its own, which the shared context cannot drive.
 */
@IntegrationTest
class DeadlineTakeoverTest {

    /** The bound for a dead node's work to be taken over. */
    private static final Duration TAKEOVER = Duration.ofSeconds(30);
    /** Axon's task name for deadlines in db-scheduler's table. */
    private static final String DEADLINE_TASK = "AxonDeadline";
    private static final String DEAD_NODE = "node-killed";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aCheckoutExpiryPickedByAKilledNodeRunsOnTheLiveNodeWithin30SecondsAndOnce() {
        ApiClient api = new ApiClient(port);
        User owner = api.register("Dora Deadline");
        String orgId = api.createOrganization(owner, "Deadline Co");
        stubStripe(orgId);
        Response checkout = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "pro"));
        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        String checkoutId = checkout.text("checkoutId");
        String instance = await("the session's expiry deadline, stored").atMost(Duration.ofSeconds(10))
                .until(() -> deadlinesOf(checkoutId), rows -> rows.size() == 1).get(0);
        byte[] deadline = jdbc.queryForObject("select task_data from scheduled_tasks where task_instance = ?",
                byte[].class, instance);

        // The session expired a moment ago; a node picked its deadline and was killed at once.
        Instant killedAt = Instant.now();
        assertThat(jdbc.update("""
                        update scheduled_tasks
                        set execution_time = ?, picked = true, picked_by = ?, last_heartbeat = ?, version = version + 1
                        where task_name = ? and task_instance = ? and picked = false""",
                Timestamp.from(killedAt.minusSeconds(1)), DEAD_NODE, Timestamp.from(killedAt), DEADLINE_TASK,
                instance)).as("the deadline, still waiting for its time").isOne();

        await("the live node expires the checkout").atMost(TAKEOVER).pollInterval(Duration.ofMillis(250))
                .until(() -> "EXPIRED".equals(api.get("/api/orgs/" + orgId + "/billing", owner.accessToken())
                        .body().at("/checkout/status").asText()));
        System.out.printf("The killed node's deadline ran on the live node %.1f s after the kill%n",
                Duration.between(killedAt, Instant.now()).toMillis() / 1e3);
        await("its row, done").atMost(Duration.ofSeconds(5)).until(() -> deadlinesOf(checkoutId).isEmpty());
        assertThat(SubscriptionHistory.ofType(jdbc, orgId, "CheckoutExpiredEvent")).as("expired once").hasSize(1);

        // The other way a node dies with a deadline: after its handler committed, before it deleted the row. The
        // live node runs it again, and the second run changes nothing.
        jdbc.update("""
                        insert into scheduled_tasks (task_name, task_instance, task_data, execution_time, picked,
                                                     picked_by, last_heartbeat, version)
                        values (?, ?, ?, ?, true, ?, ?, 1)""",
                DEADLINE_TASK, UUID.randomUUID().toString(), deadline, Timestamp.from(killedAt.minusSeconds(1)),
                DEAD_NODE, Timestamp.from(killedAt));
        await("the rerun, done").atMost(TAKEOVER).pollInterval(Duration.ofMillis(250))
                .until(() -> deadlinesOf(checkoutId).isEmpty());
        assertThat(SubscriptionHistory.ofType(jdbc, orgId, "CheckoutExpiredEvent")).as("still expired once")
                .hasSize(1);
        assertThat(api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body().at("/checkout/status")
                .asText()).isEqualTo("EXPIRED");
    }

    private List<String> deadlinesOf(String checkoutId) {
        return jdbc.queryForList("""
                select task_instance from scheduled_tasks
                where task_name = ? and position(convert_to(?, 'UTF8') in task_data) > 0""",
                String.class, DEADLINE_TASK, checkoutId);
    }

    private static void stubStripe(String orgId) {
        TestStripe.stubCheckout(orgId, "cus_dl_" + orgId.substring(0, 8), "cs_dl_" + orgId);
    }
}
