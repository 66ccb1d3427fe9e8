package dev.tenantry.infra.organization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's series count events by their own time. The history is built through the API with Axon's event
 * clock set to chosen days (every event a command applies is stamped with it), so the figures are exact.
 */
@IntegrationTest
class DashboardHistoryTest {

    private static final Clock REAL = GenericEventMessage.clock;

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    ApiClient api;
    Team team;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = new Team(api, commands);
    }

    @AfterEach
    void restoreTheEventClock() {
        GenericEventMessage.clock = REAL;
    }

    @Test
    void membersPerDayAndInvitationsPerWeekFollowTheEventsTimes() {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        ApiClient.User owner = api.register("Ana");
        ApiClient.User bo = api.register("Bo");
        ApiClient.User cy = api.register("Cy");

        eventsHappenOn(today.minusDays(3));
        String orgId = api.createOrganization(owner, "History Co");
        eventsHappenOn(today.minusDays(2));
        team.add(orgId, owner, bo, Role.ADMIN);
        team.add(orgId, owner, cy, Role.MEMBER);
        eventsHappenOn(today.minusDays(1));
        assertThat(api.delete("/api/orgs/" + orgId + "/members/" + cy.id(), owner.accessToken()).status())
                .isEqualTo(204);
        GenericEventMessage.clock = REAL;
        team.invite(orgId, owner, Team.newEmail("pending"), Role.VIEWER);

        JsonNode dashboard = dashboard(orgId, owner, "?days=5&weeks=2");

        assertThat(dashboard.path("membersOverTime")).hasSize(5);
        Map<String, String> members = new LinkedHashMap<>();
        dashboard.path("membersOverTime").forEach(day -> members.put(day.path("date").asText(),
                day.path("members").asInt() + " (+" + day.path("joined").asInt() + " -" + day.path("departed").asInt()
                        + ")"));
        assertThat(members).containsExactly(
                Map.entry(today.minusDays(4).toString(), "0 (+0 -0)"),
                Map.entry(today.minusDays(3).toString(), "1 (+1 -0)"),
                Map.entry(today.minusDays(2).toString(), "3 (+2 -0)"),
                Map.entry(today.minusDays(1).toString(), "2 (+0 -1)"),
                Map.entry(today.toString(), "2 (+0 -0)"));

        // Two invitations accepted, sent two days ago; one pending, sent today: same week or not, by the calendar.
        LocalDate thisWeek = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate sentWeek = today.minusDays(2).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put(thisWeek.minusWeeks(1).toString(), "sent 0 accepted 0 expired 0 rate null");
        expected.put(thisWeek.toString(), "sent 0 accepted 0 expired 0 rate null");
        if (sentWeek.equals(thisWeek)) {
            expected.put(thisWeek.toString(), "sent 3 accepted 2 expired 0 rate 0.6666666666666666");
        } else {
            expected.put(sentWeek.toString(), "sent 2 accepted 2 expired 0 rate 1.0");
            expected.put(thisWeek.toString(), "sent 1 accepted 0 expired 0 rate 0.0");
        }
        Map<String, String> weeks = new LinkedHashMap<>();
        dashboard.path("invitationsByWeek").forEach(week -> weeks.put(week.path("weekStart").asText(),
                "sent " + week.path("sent").asInt() + " accepted " + week.path("accepted").asInt() + " expired "
                        + week.path("expired").asInt() + " rate " + week.path("acceptanceRate").asText("null")));
        assertThat(weeks).containsExactlyEntriesOf(expected);
    }

    @Test
    void anInvitationThatExpiresCountsInTheWeekItWasSent() {
        ApiClient.User owner = api.register("Ana");
        String orgId = api.createOrganization(owner, "Expiring Co");
        team.invite(orgId, owner, Team.newEmail("late"), Role.MEMBER, Instant.now().plusSeconds(1));

        // The last two weeks: a run that crosses Monday 00:00 UTC sees the invitation in the week before.
        JsonNode week = await().atMost(Duration.ofSeconds(20))
                .until(() -> weekWithExpiry(dashboard(orgId, owner, "?weeks=2")), node -> !node.isMissingNode());

        assertThat(week.path("sent").asInt()).isEqualTo(1);
        assertThat(week.path("accepted").asInt()).isZero();
        assertThat(week.path("acceptanceRate").asDouble()).isZero();
    }

    private static JsonNode weekWithExpiry(JsonNode dashboard) {
        for (JsonNode week : dashboard.path("invitationsByWeek")) {
            if (week.path("expired").asInt() == 1) {
                return week;
            }
        }
        return MissingNode.getInstance();
    }

    private JsonNode dashboard(String orgId, ApiClient.User user, String query) {
        ApiClient.Response response = api.get("/api/orgs/" + orgId + "/dashboard" + query, user.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** Every event applied from now on is stamped with this day at noon UTC. */
    private static void eventsHappenOn(LocalDate day) {
        GenericEventMessage.clock = Clock.fixed(day.atTime(12, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
