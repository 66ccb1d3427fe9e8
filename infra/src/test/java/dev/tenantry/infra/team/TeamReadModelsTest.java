package dev.tenantry.infra.team;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** What the member and invitation lists show, and that they show one tenant's rows only. */
@IntegrationTest
class TeamReadModelsTest {

    /** The API's invitation lifetime ({@code tenantry.invitations.ttl}, default 7 days). */
    private static final Duration INVITATION_TTL = Duration.ofDays(7);
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(5);

    @LocalServerPort
    int port;

    @Autowired
    CommandSender commands;

    private ApiClient api;
    private Team team;
    private Instant testStart;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        testStart = Instant.now();
    }

    @Test
    void theMembersListShowsNameEmailRoleAndJoinDateOfEveryoneInJoiningOrder() {
        User owner = api.register("Olga Owner");
        String orgId = api.createOrganization(owner, "Read Models " + suffix());
        User admin = team.join(orgId, owner, Role.ADMIN, "Adam Admin");
        User member = team.join(orgId, admin, Role.MEMBER, "Mia Member");
        User viewer = team.join(orgId, owner, Role.VIEWER, "Vic Viewer");

        // Any member may read it, the lowest role included.
        Response members = api.get("/api/orgs/" + orgId + "/members", viewer.accessToken());

        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        List<JsonNode> items = items(members);
        assertThat(items).extracting(item -> item.path("userId").asText())
                .containsExactly(owner.id(), admin.id(), member.id(), viewer.id());
        assertMember(items.get(0), "Olga Owner", owner.email(), "OWNER");
        assertMember(items.get(1), "Adam Admin", admin.email(), "ADMIN");
        assertMember(items.get(2), "Mia Member", member.email(), "MEMBER");
        assertMember(items.get(3), "Vic Viewer", viewer.email(), "VIEWER");
        List<Instant> joined = items.stream().map(item -> Instant.parse(item.path("joinedAt").asText())).toList();
        assertThat(joined).isSorted();
    }

    @Test
    void thePendingInvitationsListShowsWhoInvitedWhomAndUntilWhen() {
        User owner = api.register("Olga Owner");
        String orgId = api.createOrganization(owner, "Read Models " + suffix());
        User admin = team.join(orgId, owner, Role.ADMIN, "Adam Admin");
        String byOwner = Team.newEmail("Ivy Invitee");
        String byAdmin = Team.newEmail("Ian Invitee");
        Response first = api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", byOwner, "role", "MEMBER"));
        Response second = api.post("/api/orgs/" + orgId + "/invitations", admin.accessToken(),
                Map.of("email", byAdmin, "role", "VIEWER"));
        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        Instant invitedBy = Instant.now();

        Response pending = api.get("/api/orgs/" + orgId + "/invitations", admin.accessToken());

        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        List<JsonNode> items = items(pending);
        assertThat(items).extracting(item -> item.path("id").asText())
                .containsExactly(first.text("id"), second.text("id"));
        assertInvitation(items.get(0), byOwner, "MEMBER", owner.id(), "Olga Owner", invitedBy);
        assertInvitation(items.get(1), byAdmin, "VIEWER", admin.id(), "Adam Admin", invitedBy);
        // The token is mailed, never listed.
        assertThat(pending.raw().body()).doesNotContainIgnoringCase("token");
    }

    @Test
    void aMemberOfOneOrganizationSeesNothingOfAnother() {
        User alice = api.register("Alice A-Owner");
        String orgA = api.createOrganization(alice, "Org A " + suffix());
        User bob = api.register("Bob Owner");
        String orgB = api.createOrganization(bob, "Org B " + suffix());
        User carol = team.join(orgB, bob, Role.MEMBER, "Carol B-Member");
        Team.Invitation invitationB = team.invite(orgB, bob, Team.newEmail("Dan B-Invitee"), Role.MEMBER);
        // Alice manages org A, so only the tenant, not her role, stands between her and org B.
        team.invite(orgA, alice, Team.newEmail("Eve A-Invitee"), Role.MEMBER);

        for (Response response : List.of(
                api.get("/api/orgs/" + orgB + "/members", alice.accessToken()),
                api.get("/api/orgs/" + orgB + "/invitations", alice.accessToken()))) {
            assertProblem(response, 404, "organization-not-found");
            assertThat(response.raw().body()).doesNotContain(bob.id()).doesNotContain(bob.email())
                    .doesNotContain(carol.id()).doesNotContain(invitationB.id()).doesNotContain(invitationB.email());
        }

        // Org B's ids named under org A's path find nothing either.
        String invitationUnderA = "/api/orgs/" + orgA + "/invitations/" + invitationB.id();
        assertProblem(api.delete(invitationUnderA, alice.accessToken()), 404, "invitation-not-found");
        assertProblem(api.post(invitationUnderA + "/resend", alice.accessToken(), null), 404, "invitation-not-found");
        assertThat(api.patch("/api/orgs/" + orgA + "/members/" + carol.id(), alice.accessToken(),
                Map.of("role", "VIEWER")).status()).isEqualTo(404);
        assertThat(api.delete("/api/orgs/" + orgA + "/members/" + carol.id(), alice.accessToken()).status())
                .isEqualTo(404);
        assertThat(api.post("/api/orgs/" + orgA + "/ownership", alice.accessToken(), Map.of("userId", carol.id()))
                .status()).isEqualTo(404);

        // Org A's own lists hold org A's rows only.
        assertThat(values(api.get("/api/orgs/" + orgA + "/members", alice.accessToken()), "userId"))
                .containsExactly(alice.id());
        assertThat(values(api.get("/api/orgs/" + orgA + "/invitations", alice.accessToken()), "organizationId"))
                .containsExactly(orgA);
        // And org B is as it was.
        assertThat(api.get("/api/orgs/" + orgA, alice.accessToken()).text("ownerId")).isEqualTo(alice.id());
        assertThat(values(api.get("/api/orgs/" + orgB + "/invitations", bob.accessToken()), "id"))
                .containsExactly(invitationB.id());
        Response membersB = api.get("/api/orgs/" + orgB + "/members", bob.accessToken());
        assertThat(values(membersB, "userId")).containsExactly(bob.id(), carol.id());
        assertThat(values(membersB, "role")).containsExactly("OWNER", "MEMBER");
    }

    private void assertMember(JsonNode item, String displayName, String email, String role) {
        assertThat(item.path("displayName").asText()).isEqualTo(displayName);
        assertThat(item.path("email").asText()).isEqualTo(email);
        assertThat(item.path("role").asText()).isEqualTo(role);
        assertThat(item.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(item.path("joinedAt").asText()))
                .isBetween(testStart.minus(CLOCK_SLACK), Instant.now().plus(CLOCK_SLACK));
    }

    private void assertInvitation(JsonNode item, String email, String role, String inviterId, String inviterName,
                                  Instant invitedBy) {
        assertThat(item.path("email").asText()).isEqualTo(email);
        assertThat(item.path("role").asText()).isEqualTo(role);
        assertThat(item.path("status").asText()).isEqualTo("PENDING");
        assertThat(item.path("inviterId").asText()).isEqualTo(inviterId);
        assertThat(item.path("inviterName").asText()).isEqualTo(inviterName);
        assertThat(Instant.parse(item.path("expiresAt").asText())).isBetween(
                testStart.plus(INVITATION_TTL).minus(CLOCK_SLACK), invitedBy.plus(INVITATION_TTL).plus(CLOCK_SLACK));
    }

    private static List<JsonNode> items(Response response) {
        return StreamSupport.stream(response.body().path("items").spliterator(), false).toList();
    }

    private static List<String> values(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return items(response).stream().map(item -> item.path(field).asText()).toList();
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
