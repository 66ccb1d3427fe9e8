package dev.tenantry.infra.invitation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.ApiClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The invitation's expiry deadline is a row in PostgreSQL, not a timer in the JVM: an app that was down when the
 * invitation expired expires it once it is back. Owns two application lifecycles on one data dir, like
 * {@code ApplicationRestartTest}, rather than the shared test context.
 */
class InvitationExpiryRestartTest {

    private static final Duration TTL = Duration.ofSeconds(8);
    /** Axon's task name for deadlines in db-scheduler's table. */
    private static final String DEADLINE_TASK = "AxonDeadline";

    @TempDir
    Path dataDir;

    @Test
    void anInvitationThatExpiredWhileTheAppWasDownExpiresWhenItIsBack() throws InterruptedException {
        String organizationId;
        String invitationId;
        String accessToken;
        Instant expiresAt;
        try (ConfigurableApplicationContext first = start()) {
            ApiClient api = new ApiClient(port(first));
            ApiClient.User owner = api.register("Olga");
            accessToken = owner.accessToken();
            organizationId = api.createOrganization(owner, "Expiry Co");
            ApiClient.Response invited = api.post("/api/orgs/" + organizationId + "/invitations", accessToken,
                    Map.of("email", "late.joiner@example.com", "role", "MEMBER"));
            assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
            assertThat(invited.text("status")).isEqualTo("PENDING");
            invitationId = invited.text("id");
            expiresAt = Instant.parse(invited.text("expiresAt"));
            assertThat(pendingInvitationIds(api, organizationId, accessToken)).contains(invitationId);

            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            List<Timestamp> deadlines = jdbc.queryForList(
                    "select execution_time from scheduled_tasks where task_name = ?", Timestamp.class, DEADLINE_TASK);
            assertThat(deadlines).as("the expiry deadline, persisted").singleElement()
                    .extracting(Timestamp::toInstant)
                    .satisfies(at -> assertThat(at).isCloseTo(expiresAt, within(1, ChronoUnit.MILLIS)));
        }
        assertThat(Instant.now()).as("the app stopped before the invitation expired").isBefore(expiresAt);

        Thread.sleep(Duration.between(Instant.now(), expiresAt).plusMillis(500).toMillis());
        Instant restartedAt = Instant.now();

        try (ConfigurableApplicationContext second = start()) {
            ApiClient api = new ApiClient(port(second));
            String orgId = organizationId;
            String token = accessToken;
            String id = invitationId;
            await("the invitation leaves the pending list").atMost(Duration.ofSeconds(15))
                    .pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> assertThat(pendingInvitationIds(api, orgId, token)).doesNotContain(id));

            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select status from invitation_view where invitation_id = ?",
                    String.class, invitationId)).isEqualTo("EXPIRED");
            List<Map<String, Object>> events = jdbc.queryForList("""
                    select payload_type, time_stamp from domain_event_entry
                    where aggregate_identifier = ? order by sequence_number""", invitationId);
            assertThat(events).extracting(event -> event.get("payload_type")).containsExactly(
                    "dev.tenantry.api.invitation.MemberInvitedEvent",
                    "dev.tenantry.api.invitation.InvitationExpiredEvent");
            Instant expiredAt = Instant.parse((String) events.get(1).get("time_stamp"));
            assertThat(expiredAt).as("expired by the restarted app").isAfterOrEqualTo(restartedAt);
            assertThat(jdbc.queryForObject("select count(*) from pending_invitation where invitation_id = ?",
                    Integer.class, invitationId)).as("its seat and email slot released").isZero();
            assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_name = ?",
                    Integer.class, DEADLINE_TASK)).as("the deadline, done").isZero();
        }
    }

    private static List<String> pendingInvitationIds(ApiClient api, String organizationId, String accessToken) {
        ApiClient.Response pending = api.get("/api/orgs/" + organizationId + "/invitations", accessToken);
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        JsonNode items = pending.body().path("items");
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }

    private ConfigurableApplicationContext start() {
        return new SpringApplicationBuilder(TenantryApplication.class)
                .run("--tenantry.data-dir=" + dataDir, "--server.port=0",
                        // Blank the test JVM's fixed secret: the generated one, kept in the data dir, outlives a
                        // restart, and so does the owner's access token.
                        "--tenantry.jwt.secret=",
                        "--tenantry.invitations.ttl=" + TTL,
                        "--db-scheduler.polling-interval=PT1S");
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
