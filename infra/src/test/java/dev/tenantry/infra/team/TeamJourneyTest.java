package dev.tenantry.infra.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import dev.tenantry.testsupport.TestMail;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole team story through HTTP, mail included: an owner invites three people, two accept through the links
 * they were mailed, one declines, a role changes, ownership moves, a member is removed. The read models (members,
 * pending invitations, dashboard) are checked after every step.
 */
@IntegrationTest
class TeamJourneyTest {

    private static final String INVITED_SUBJECT_PART = "invited you to join";

    @LocalServerPort
    int port;

    @Test
    void inviteAcceptDeclineChangeARoleTransferOwnershipAndRemoveAMember() {
        ApiClient api = new ApiClient(port);
        User ana = api.register("Ana Owner");
        String orgId = api.createOrganization(ana, "Journey Co");
        String org = "/api/orgs/" + orgId;

        // Three invitations.
        String boEmail = ApiClient.uniqueEmail("bo");
        String cyEmail = ApiClient.uniqueEmail("cy");
        String diEmail = ApiClient.uniqueEmail("di");
        invite(api, ana, org, boEmail, "ADMIN");
        invite(api, ana, org, cyEmail, "MEMBER");
        invite(api, ana, org, diEmail, "VIEWER");
        List<JsonNode> pending = items(api.get(org + "/invitations", ana.accessToken()));
        assertThat(pending).extracting(i -> i.path("email").asText()).containsExactly(boEmail, cyEmail, diEmail);
        assertThat(pending).allSatisfy(i -> assertThat(i.path("inviterName").asText()).isEqualTo("Ana Owner"));
        assertDashboard(api, ana, org, Map.of("OWNER", 1), 3, 4);
        assertRoles(api, ana, org, Map.of(ana.id(), "OWNER"));

        // Bo and Cy accept through the links they were mailed.
        User bo = api.register("Bo Admin", boEmail);
        accept(api, bo, invitationLink(boEmail));
        assertRoles(api, ana, org, Map.of(ana.id(), "OWNER", bo.id(), "ADMIN"));
        assertThat(items(api.get(org + "/invitations", ana.accessToken()))).hasSize(2);
        assertDashboard(api, ana, org, Map.of("OWNER", 1, "ADMIN", 1), 2, 4);

        User cy = api.register("Cy Member", cyEmail);
        accept(api, cy, invitationLink(cyEmail));
        assertRoles(api, ana, org, Map.of(ana.id(), "OWNER", bo.id(), "ADMIN", cy.id(), "MEMBER"));
        assertDashboard(api, ana, org, Map.of("OWNER", 1, "ADMIN", 1, "MEMBER", 1), 1, 4);
        List<JsonNode> members = items(api.get(org + "/members", ana.accessToken()));
        assertThat(members).extracting(m -> m.path("displayName").asText())
                .containsExactly("Ana Owner", "Bo Admin", "Cy Member");
        assertThat(members).allSatisfy(m -> assertThat(m.path("joinedAt").asText()).isNotBlank());

        // Di declines, without an account.
        String diLink = invitationLink(diEmail);
        Response declined = api.post(diLink + "/decline", null, null);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(204);
        assertThat(items(api.get(org + "/invitations", ana.accessToken()))).isEmpty();
        assertThat(api.get(diLink, null).text("code")).isEqualTo("invitation-declined");
        assertDashboard(api, ana, org, Map.of("OWNER", 1, "ADMIN", 1, "MEMBER", 1), 0, 3);

        // Cy becomes an ADMIN.
        Response promoted = api.patch(org + "/members/" + cy.id(), ana.accessToken(), Map.of("role", "ADMIN"));
        assertThat(promoted.status()).as(promoted.toString()).isEqualTo(200);
        assertThat(promoted.text("role")).isEqualTo("ADMIN");
        assertRoles(api, ana, org, Map.of(ana.id(), "OWNER", bo.id(), "ADMIN", cy.id(), "ADMIN"));
        assertDashboard(api, ana, org, Map.of("OWNER", 1, "ADMIN", 2), 0, 3);

        // Ana hands ownership to Bo and stays as ADMIN.
        Response transferred = api.post(org + "/ownership", ana.accessToken(), Map.of("userId", bo.id()));
        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        assertThat(transferred.text("ownerId")).isEqualTo(bo.id());
        assertRoles(api, bo, org, Map.of(ana.id(), "ADMIN", bo.id(), "OWNER", cy.id(), "ADMIN"));
        assertThat(api.get(org, cy.accessToken()).text("ownerId")).isEqualTo(bo.id());
        assertDashboard(api, bo, org, Map.of("OWNER", 1, "ADMIN", 2), 0, 3);

        // Bo, the new owner, removes Cy, who loses access.
        Response removed = api.delete(org + "/members/" + cy.id(), bo.accessToken());
        assertThat(removed.status()).as(removed.toString()).isEqualTo(204);
        assertRoles(api, bo, org, Map.of(ana.id(), "ADMIN", bo.id(), "OWNER"));
        assertDashboard(api, bo, org, Map.of("OWNER", 1, "ADMIN", 1), 0, 2);
        assertThat(api.get(org, cy.accessToken()).status()).isEqualTo(404);
        assertThat(items(api.get("/api/orgs", cy.accessToken()))).isEmpty();
    }

    private static void invite(ApiClient api, User inviter, String org, String email, String role) {
        Response invited = api.post(org + "/invitations", inviter.accessToken(), Map.of("email", email, "role", role));
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        assertThat(invited.text("status")).isEqualTo("PENDING");
    }

    /** The path of the link in the one invitation mail this address received. */
    private static String invitationLink(String email) {
        TestMail.Mail mail = TestMail.awaitMessagesTo(email, 1).stream()
                .filter(m -> m.subject().contains(INVITED_SUBJECT_PART)).findFirst()
                .orElseThrow(() -> new AssertionError("no invitation mail to " + email));
        return URI.create(mail.link()).getPath();
    }

    private static void accept(ApiClient api, User user, String link) {
        assertThat(api.get(link, null).status()).isEqualTo(200);
        Team.verifyEmail(api, user);
        Response accepted = api.post(link + "/accept", user.accessToken(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    }

    /** Exactly these active members with these roles, and so exactly one OWNER. */
    private static void assertRoles(ApiClient api, User caller, String org, Map<String, String> roles) {
        Map<String, String> actual = new HashMap<>();
        items(api.get(org + "/members", caller.accessToken()))
                .forEach(m -> actual.put(m.path("userId").asText(), m.path("role").asText()));
        assertThat(actual).isEqualTo(roles);
    }

    private static void assertDashboard(ApiClient api, User caller, String org, Map<String, Integer> byRole,
                                        int pending, int seatsUsed) {
        JsonNode dashboard = api.get(org + "/dashboard", caller.accessToken()).body();
        for (String role : List.of("OWNER", "ADMIN", "MEMBER", "VIEWER")) {
            assertThat(dashboard.path("membersByRole").path(role).asInt()).as(role)
                    .isEqualTo(byRole.getOrDefault(role, 0));
        }
        assertThat(dashboard.path("pendingInvitations").asInt()).isEqualTo(pending);
        assertThat(dashboard.path("seatsUsed").asInt()).isEqualTo(seatsUsed);
        assertThat(dashboard.path("seatLimit").asInt()).isEqualTo(5);
    }

    private static List<JsonNode> items(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.body().path("items").spliterator(), false).toList();
    }
}
