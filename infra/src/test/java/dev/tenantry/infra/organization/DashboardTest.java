package dev.tenantry.infra.organization;

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
}
