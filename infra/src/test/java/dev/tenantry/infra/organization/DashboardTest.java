package dev.tenantry.infra.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class DashboardTest {

    @LocalServerPort
    int port;
    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aNewOrganizationsDashboardCountsItsOwnerAndPendingInvitationsAgainstTheFreePlan() {
        ApiClient.User owner = api.register("Dana");
        String orgId = api.createOrganization(owner, "Dashboard Co");
        assertThat(api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", "invitee-" + orgId + "@example.com", "role", "MEMBER")).status()).isEqualTo(201);

        ApiClient.Response dashboard = api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken());

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body().at("/membersByRole/OWNER").asInt()).isEqualTo(1);
        assertThat(dashboard.body().at("/membersByRole/ADMIN").asInt()).isZero();
        assertThat(dashboard.body().at("/pendingInvitations").asInt()).isEqualTo(1);
        assertThat(dashboard.body().at("/seatsUsed").asInt()).isEqualTo(2);
        assertThat(dashboard.body().at("/seatLimit").asInt()).isEqualTo(5);
    }

    @Test
    void aNonMemberCannotSeeTheDashboard() {
        ApiClient.User owner = api.register("Dana");
        String orgId = api.createOrganization(owner, "Private Dashboard Co");
        ApiClient.User stranger = api.register("Stranger");

        assertThat(api.get("/api/orgs/" + orgId + "/dashboard", stranger.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void theDashboardShowsThePlanAndTheLatestActivityInWordsToEveryMember() {
        ApiClient.User owner = api.register("Ana");
        String orgId = api.createOrganization(owner, "Words Co");
        String email = ApiClient.uniqueEmail("bo");
        assertThat(api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", email, "role", "ADMIN")).status()).isEqualTo(201);
        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Words Inc")).status())
                .isEqualTo(200);

        ApiClient.Response dashboard = api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken());

        assertThat(dashboard.status()).isEqualTo(200);
        assertThat(dashboard.body().at("/subscription/plan").asText()).isEqualTo("free");
        assertThat(dashboard.body().at("/subscription/planName").asText()).isEqualTo("Free");
        assertThat(dashboard.body().at("/subscription/status").asText()).isEqualTo("FREE");
        assertThat(dashboard.body().path("membersOverTime")).hasSize(30);
        assertThat(dashboard.body().path("invitationsByWeek")).hasSize(12);
        JsonNode activity = dashboard.body().path("recentActivity");
        assertThat(activity.path(0).path("summary").asText())
                .isEqualTo("Ana renamed the organization from Words Co to Words Inc");
        assertThat(activity.path(1).path("summary").asText()).isEqualTo("Ana invited " + email + " as ADMIN");
        assertThat(activity.path(1).path("actorName").asText()).isEqualTo("Ana");
        assertThat(activity.path(1).path("eventType").asText()).isEqualTo("MemberInvitedEvent");
        assertThat(activity.path(0).path("sequence").asLong()).isEqualTo(activity.path(1).path("sequence").asLong() + 1);
        assertThat(activity.findValuesAsText("summary")).contains("Ana created the organization Words Co",
                "Ana joined as OWNER", "The organization started on the free plan");
        assertThat(activity.toString()).as("no payloads or hashes for plain members").doesNotContain("tokenHash", "hash\"");
    }

    @Test
    void theLatestActivityIsTwentyEntriesNewestFirst() {
        ApiClient.User owner = api.register("Ana");
        String orgId = api.createOrganization(owner, "Busy Co");
        for (int i = 1; i <= 22; i++) {
            assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Busy " + i)).status())
                    .isEqualTo(200);
        }

        JsonNode activity = api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body()
                .path("recentActivity");

        assertThat(activity).hasSize(20);
        assertThat(activity.path(0).path("summary").asText()).endsWith("to Busy 22");
        assertThat(activity.path(19).path("summary").asText()).endsWith("to Busy 3");
    }

    @Test
    void aWindowOutsideItsBoundsIsAProblemThatNamesIt() {
        ApiClient.User owner = api.register("Dana");
        String orgId = api.createOrganization(owner, "Bounds Co");

        ApiClient.Response days = api.get("/api/orgs/" + orgId + "/dashboard?days=0", owner.accessToken());
        ApiClient.Response weeks = api.get("/api/orgs/" + orgId + "/dashboard?weeks=105", owner.accessToken());
        ApiClient.Response garbage = api.get("/api/orgs/" + orgId + "/dashboard?days=many", owner.accessToken());

        assertThat(days.status()).isEqualTo(400);
        assertThat(days.text("code")).isEqualTo("invalid-days");
        assertThat(weeks.status()).isEqualTo(400);
        assertThat(weeks.text("code")).isEqualTo("invalid-weeks");
        assertThat(garbage.status()).isEqualTo(400);
        assertThat(garbage.body().toString()).contains("days");
    }
}
