package dev.tenantry.infra.live;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.SseClient;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two application nodes on one PostgreSQL: a client connected to one sees, live, what the other node did. Owns
 * its two application lifecycles (node A starts the embedded PostgreSQL in its data dir, node B uses it), like
 * {@code ApplicationRestartTest}, rather than the shared test context.
 */
class LiveStreamAcrossNodesTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dataDirA;
    @TempDir
    Path dataDirB;

    @Test
    void aClientOnOneNodeReceivesTheChangesMadeThroughTheOtherAndCatchesUpAfterReconnecting() throws SQLException {
        try (ConfigurableApplicationContext nodeA = start(dataDirA, "--tenantry.node-id=node-a");
             ConfigurableApplicationContext nodeB = start(dataDirB, sameDatabaseAs(nodeA, "--tenantry.node-id=node-b"))) {
            ApiClient apiA = new ApiClient(port(nodeA));
            ApiClient apiB = new ApiClient(port(nodeB));
            ApiClient.User owner = apiB.register("Olga");
            String orgId = apiB.createOrganization(owner, "Two Nodes Co");
            String org = "/api/orgs/" + orgId;

            // A browser asks node B for a ticket and opens the stream on node A.
            ApiClient.Response ticket = apiB.post(org + "/stream-ticket", owner.accessToken(), null);
            assertThat(ticket.status()).as(ticket.toString()).isEqualTo(201);
            SseClient onA = SseClient.open(port(nodeA), ticket.text("streamUrl"), Map.of());
            assertThat(onA.status()).isEqualTo(200);
            assertThat(onA.next("dashboard", WAIT).json().at("/membersByRole/OWNER").asInt()).isEqualTo(1);

            assertThat(apiB.patch(org, owner.accessToken(), Map.of("name", "Two Nodes Inc")).status()).isEqualTo(200);
            SseClient.Event renamed = onA.next("activity", WAIT);
            assertThat(renamed.json().path("summary").asText())
                    .isEqualTo("Olga renamed the organization from Two Nodes Co to Two Nodes Inc");
            assertThat(renamed.id()).isEqualTo(renamed.json().path("sequence").asText());

            String email = ApiClient.uniqueEmail("bo");
            assertThat(apiB.post(org + "/invitations", owner.accessToken(), Map.of("email", email, "role", "ADMIN"))
                    .status()).isEqualTo(201);
            SseClient.Event invited = onA.next("activity", WAIT);
            assertThat(invited.json().path("summary").asText()).isEqualTo("Olga invited " + email + " as ADMIN");
            assertThat(Long.parseLong(invited.id())).isEqualTo(Long.parseLong(renamed.id()) + 1);
            SseClient.Event dashboard = onA.next(
                    event -> event.name().equals("dashboard") && event.json().path("pendingInvitations").asInt() == 1,
                    WAIT);
            assertThat(dashboard.json().path("seatsUsed").asInt()).isEqualTo(2);
            assertThat(dashboard.json().at("/recentActivity/0/summary").asText()).contains("invited " + email);

            // Summed over the weeks: the invitation falls in the last week, or in the one before when the run
            // crosses Monday 00:00 UTC between the invitation and this read.
            int sent = 0;
            for (var week : dashboard.json().path("invitationsByWeek")) {
                sent += week.path("sent").asInt();
            }
            assertThat(sent).as("each event counted once, by whichever node holds the segment").isEqualTo(1);

            assertThat(SseClient.open(port(nodeA), ticket.text("streamUrl"), Map.of()).status())
                    .as("a ticket opens one stream only").isEqualTo(401);

            // The client goes away: node A's heartbeat finds out and releases the stream and its subscription.
            LiveStreams streamsOnA = nodeA.getBean(LiveStreams.class);
            assertThat(streamsOnA.openStreams()).isEqualTo(1);
            onA.close();
            await("the dead client released").atMost(WAIT).until(() -> streamsOnA.openStreams() == 0);

            // While it is away, node A changes something; it reconnects to node B with Last-Event-ID.
            assertThat(apiA.patch(org, owner.accessToken(), Map.of("name", "Two Nodes GmbH")).status()).isEqualTo(200);
            try (SseClient onB = SseClient.open(port(nodeB), org + "/stream",
                    Map.of("Authorization", "Bearer " + owner.accessToken(), "Last-Event-ID", invited.id()))) {
                assertThat(onB.status()).isEqualTo(200);
                SseClient.Event missed = onB.next("activity", WAIT);
                assertThat(missed.id()).isEqualTo(Long.toString(Long.parseLong(invited.id()) + 1));
                assertThat(missed.json().path("summary").asText()).endsWith("to Two Nodes GmbH");
                assertThat(onB.next("dashboard", WAIT).json().path("pendingInvitations").asInt()).isEqualTo(1);
                await("heartbeats").atMost(WAIT).until(() -> onB.comments() > 0);
            }
            for (ConfigurableApplicationContext node : List.of(nodeA, nodeB)) {
                assertThat(node.getBean(EventProcessingConfiguration.class).eventProcessors().values())
                        .as("no processor failed on either node").noneMatch(processor ->
                                processor instanceof StreamingEventProcessor streaming && streaming.isError());
            }
        }
    }

    /** Two nodes in one JVM share its "pid@host": each needs a node id of its own to claim segments under. */
    private static String[] sameDatabaseAs(ConfigurableApplicationContext node, String nodeId) throws SQLException {
        DataSource dataSource = node.getBean(DataSource.class);
        HikariDataSource hikari = dataSource.unwrap(HikariDataSource.class);
        return new String[]{"--spring.datasource.url=" + hikari.getJdbcUrl(),
                "--spring.datasource.username=" + hikari.getUsername(),
                "--spring.datasource.password=" + hikari.getPassword(), nodeId};
    }

    private static ConfigurableApplicationContext start(Path dataDir, String... more) {
        List<String> args = new ArrayList<>(List.of("--tenantry.data-dir=" + dataDir, "--server.port=0",
                "--tenantry.live.heartbeat-interval=500ms",
                "--tenantry.embedded-postgres.settings=fsync=off,synchronous_commit=off,full_page_writes=off"));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(TenantryApplication.class).run(args.toArray(String[]::new));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
