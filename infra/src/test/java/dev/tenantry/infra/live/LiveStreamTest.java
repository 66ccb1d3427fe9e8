package dev.tenantry.infra.live;

import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.command.SecretTokens;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.SseClient;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may open an organization's live stream, and with what. */
@IntegrationTest
class LiveStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;
    ApiClient api;
    ApiClient.User owner;
    String org;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Olga");
        org = "/api/orgs/" + api.createOrganization(owner, "Live Co");
    }

    @Test
    void withoutATokenOrATicketTheStreamAnswersAProblem() {
        ApiClient.Response anonymous = api.get(org + "/stream", null);
        ApiClient.Response forged = api.get(org + "/stream?ticket=not-a-ticket", null);

        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.text("code")).isEqualTo("authentication-required");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.text("code")).isEqualTo("invalid-stream-ticket");
    }

    @Test
    void aNonMemberGetsNeitherATicketNorAStream() {
        ApiClient.User stranger = api.register("Stranger");

        assertThat(api.post(org + "/stream-ticket", stranger.accessToken(), null).status()).isEqualTo(404);
        try (SseClient stream = SseClient.open(port, org + "/stream",
                Map.of("Authorization", "Bearer " + stranger.accessToken()))) {
            assertThat(stream.status()).isEqualTo(404);
        }
    }

    @Test
    void aTicketOpensOnlyItsOwnOrganizationsStreamOnceAndIsStoredOnlyAsAHash() {
        String otherOrg = "/api/orgs/" + api.createOrganization(owner, "Other Live Co");
        ApiClient.Response ticket = api.post(org + "/stream-ticket", owner.accessToken(), null);
        assertThat(ticket.status()).isEqualTo(201);
        String value = ticket.text("ticket");
        assertThat(jdbc.queryForObject("select count(*) from stream_ticket where ticket_hash = ? or ticket_hash = ?",
                Integer.class, value, SecretTokens.hash(value))).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from stream_ticket where ticket_hash = ?", Integer.class,
                value)).as("never the ticket itself").isZero();

        try (SseClient elsewhere = SseClient.open(port, otherOrg + "/stream?ticket=" + value, Map.of())) {
            assertThat(elsewhere.status()).as("another organization's stream").isEqualTo(401);
        }
        try (SseClient again = SseClient.open(port, org + "/stream?ticket=" + value, Map.of())) {
            assertThat(again.status()).as("used up by the attempt above").isEqualTo(401);
        }
    }

    @Test
    void aViewerReceivesTheActivityAndIsCutOffOnceRemoved() {
        Team team = new Team(api, commands);
        ApiClient.User viewer = team.join(org.substring("/api/orgs/".length()), owner, Role.VIEWER, "Vera");
        String ticket = api.post(org + "/stream-ticket", viewer.accessToken(), null).text("ticket");

        try (SseClient stream = SseClient.open(port, org + "/stream?ticket=" + ticket, Map.of())) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.next("dashboard", WAIT).json().at("/membersByRole/VIEWER").asInt()).isEqualTo(1);

            assertThat(api.patch(org, owner.accessToken(), Map.of("name", "Live Co Ltd")).status()).isEqualTo(200);
            assertThat(stream.next("activity", WAIT).json().path("summary").asText())
                    .isEqualTo("Olga renamed the organization from Live Co to Live Co Ltd");

            assertThat(api.delete(org + "/members/" + viewer.id(), owner.accessToken()).status()).isEqualTo(204);

            // The activity of the removal itself may come first or not at all: the membership check can cut the
            // stream off before the activity is pushed (it raced in about one run of five).
            assertThat(stream.next("revoked", WAIT).data()).contains("no longer a member");
        }
    }

    @Test
    void aLastEventIdThatIsNotASequenceIsAProblem() {
        try (SseClient stream = SseClient.open(port, org + "/stream",
                Map.of("Authorization", "Bearer " + owner.accessToken(), "Last-Event-ID", "yesterday"))) {
            assertThat(stream.status()).isEqualTo(400);
        }
    }
}
