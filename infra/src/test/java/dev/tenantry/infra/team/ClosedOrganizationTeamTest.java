package dev.tenantry.infra.team;

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

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Closing an organization freezes its team: nobody joins and no role changes, but members may still leave. */
@IntegrationTest
class ClosedOrganizationTeamTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;

    ApiClient api;
    Team team;
    User owner;
    User member;
    String orgId;
    Team.Invitation pending;
    User invitee;

    @BeforeEach
    void closeAnOrganizationWithAMemberAndAPendingInvitation() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        owner = api.register("Olga Owner");
        orgId = api.createOrganization(owner, "Closing Co");
        member = team.join(orgId, owner, Role.MEMBER, "Mia Member");
        invitee = api.register("Ivan Invitee");
        pending = team.invite(orgId, owner, invitee.email(), Role.VIEWER);
        assertThat(api.delete("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(204);
    }

    @Test
    void nobodyIsInvited() {
        Response response = api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", Team.newEmail("late"), "role", "MEMBER"));
        assertConflict(response);
    }

    @Test
    void aPendingInvitationCanNoLongerBeAccepted() {
        assertConflict(team.accept(pending, invitee));
        assertThat(api.get("/api/orgs/" + orgId, invitee.accessToken()).status()).isEqualTo(404);
    }

    @Test
    void rolesAreFrozenAndNobodyIsRemoved() {
        assertConflict(api.patch("/api/orgs/" + orgId + "/members/" + member.id(), owner.accessToken(),
                Map.of("role", "ADMIN")));
        assertConflict(api.delete("/api/orgs/" + orgId + "/members/" + member.id(), owner.accessToken()));
        Response members = api.get("/api/orgs/" + orgId + "/members", owner.accessToken());
        assertThat(members.body().path("items")).hasSize(2);
    }

    @Test
    void aMemberMayStillLeave() {
        Response left = api.post("/api/orgs/" + orgId + "/members/me/leave", member.accessToken(), null);
        assertThat(left.status()).as(left.toString()).isEqualTo(204);
        assertThat(api.get("/api/orgs/" + orgId, member.accessToken()).status()).isEqualTo(404);
    }

    private static void assertConflict(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.text("code")).isEqualTo("organization-closed");
    }
}
