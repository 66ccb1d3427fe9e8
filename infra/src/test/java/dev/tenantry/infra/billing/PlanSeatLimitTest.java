package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The seat limit the team rules enforce is the plan's: a paid plan lifts it, falling back lowers it, removing nobody. */
@IntegrationTest
class PlanSeatLimitTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;

    @Test
    void aDowngradeBelowTheMemberCountBlocksInvitationsAndAcceptancesButRemovesNobody() {
        ApiClient api = new ApiClient(port);
        Team team = new Team(api, commands);
        User owner = api.register("Gina Growth");
        String orgId = api.createOrganization(owner, "Growing Co");
        Instant start = Instant.now().minusSeconds(600);
        stripeSays(orgId, owner, "active", start);
        assertThat(dashboard(api, owner, orgId).path("seatLimit").asInt()).isEqualTo(20);

        // Seven members and a pending invitation: more than the free plan's five seats.
        for (int i = 1; i <= 6; i++) {
            team.join(orgId, owner, Role.MEMBER, "Member " + i);
        }
        User late = api.register("Larry Late");
        Team.Invitation pending = team.invite(orgId, owner, late.email(), Role.MEMBER);

        stripeSays(orgId, owner, "canceled", start.plusSeconds(60));

        assertThat(dashboard(api, owner, orgId).path("seatLimit").asInt()).isEqualTo(5);
        assertThat(api.get("/api/orgs/" + orgId + "/members", owner.accessToken()).body().path("items")).hasSize(7);
        Response invite = api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", Team.newEmail("blocked"), "role", "MEMBER"));
        assertThat(invite.status()).as(invite.toString()).isEqualTo(409);
        assertThat(invite.text("code")).isEqualTo("seat-limit-reached");
        Response accept = team.accept(pending, late);
        assertThat(accept.status()).as(accept.toString()).isEqualTo(409);
        assertThat(accept.text("code")).isEqualTo("seat-limit-reached");
    }

    private void stripeSays(String orgId, User owner, String status, Instant observedAt) {
        commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(orgId), orgId, "evt_" + status,
                new StripeSubscriptionSnapshot("sub_" + orgId.substring(0, 8), "cus_" + orgId.substring(0, 8),
                        StripeTranslation.status(status), "price_tenantry_pro_monthly", observedAt.plusSeconds(86_400 * 30), false, observedAt)),
                owner.id());
    }

    private static com.fasterxml.jackson.databind.JsonNode dashboard(ApiClient api, User owner, String orgId) {
        return api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body();
    }
}
