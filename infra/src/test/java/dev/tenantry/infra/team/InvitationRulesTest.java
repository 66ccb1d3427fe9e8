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
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The life of an invitation: who may be invited, who may accept, and what a used-up link still answers. */
@IntegrationTest
class InvitationRulesTest {

    @LocalServerPort
    int port;

    @Autowired
    CommandSender commands;

    private ApiClient api;
    private Team team;
    private User owner;
    private String orgName;
    private String orgId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        owner = api.register("Olga Owner");
        orgName = "Invitations " + UUID.randomUUID().toString().substring(0, 8);
        orgId = api.createOrganization(owner, orgName);
    }

    // --- who may be invited ------------------------------------------------------------------------------------

    @Test
    void invitingSomeoneWhoIsAlreadyAMemberIsAConflictWhateverTheCaseOfTheEmail() {
        User member = team.join(orgId, owner, Role.MEMBER, "Mia Member");

        assertProblem(invite(member.email(), "VIEWER"), 409, "already-member");
        assertProblem(invite(member.email().toUpperCase(Locale.ROOT), "VIEWER"), 409, "already-member");

        assertThat(pendingEmails()).isEmpty();
    }

    @Test
    void aSecondInvitationToAnEmailWithOnePendingIsAConflict() {
        String email = Team.newEmail("Ivy Invitee");
        Response first = invite(email, "MEMBER");
        assertThat(first.status()).as(first.toString()).isEqualTo(201);

        assertProblem(invite(email, "ADMIN"), 409, "invitation-pending");
        assertProblem(invite(" " + email.toUpperCase(Locale.ROOT) + " ", "MEMBER"), 409, "invitation-pending");

        assertThat(pendingIds()).containsExactly(first.text("id"));
    }

    // --- accepting ---------------------------------------------------------------------------------------------

    @Test
    void acceptingMakesTheInviteeAMemberWithTheInvitedRoleOnce() {
        User invitee = api.register("Ivy Invitee");
        Team.Invitation invitation = team.invite(orgId, owner, invitee.email(), Role.ADMIN);

        Response accepted = team.accept(invitation, invitee);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(accepted.text("userId")).isEqualTo(invitee.id());
        assertThat(accepted.text("role")).isEqualTo("ADMIN");
        assertThat(accepted.text("status")).isEqualTo("ACTIVE");
        assertThat(pendingIds()).isEmpty();

        assertProblem(team.accept(invitation, invitee), 409, "invitation-accepted");
        assertThat(memberIds()).containsExactly(owner.id(), invitee.id());
        assertProblem(api.get(link(invitation), null), 409, "invitation-accepted");
    }

    @Test
    void aRevokedInvitationCannotBeAccepted() {
        User invitee = api.register("Ivy Invitee");
        Team.Invitation invitation = team.invite(orgId, owner, invitee.email(), Role.MEMBER);
        Response revoked = api.delete(invitationPath(invitation), owner.accessToken());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);

        assertProblem(team.accept(invitation, invitee), 409, "invitation-revoked");

        assertThat(memberIds()).containsExactly(owner.id());
        assertProblem(api.get(link(invitation), null), 409, "invitation-revoked");
    }

    @Test
    void aDeclinedInvitationCannotBeAccepted() {
        User invitee = api.register("Ivy Invitee");
        Team.Invitation invitation = team.invite(orgId, owner, invitee.email(), Role.MEMBER);
        Response declined = api.post(link(invitation) + "/decline", null, null);
        assertThat(declined.status()).as(declined.toString()).isEqualTo(204);

        assertProblem(team.accept(invitation, invitee), 409, "invitation-declined");

        assertThat(memberIds()).containsExactly(owner.id());
    }

    @Test
    void onlyTheInvitedEmailsAccountCanAccept() {
        User invitee = api.register("Ivy Invitee");
        User someoneElse = api.register("Sam Someone");
        Team.Invitation invitation = team.invite(orgId, owner, invitee.email(), Role.MEMBER);

        assertProblem(team.accept(invitation, someoneElse), 403, "invitation-email-mismatch");

        assertThat(memberIds()).containsExactly(owner.id());
        assertThat(pendingIds()).containsExactly(invitation.id());
        // The refusal used nothing up: the invitee still can.
        Response accepted = team.accept(invitation, invitee);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        assertThat(memberIds()).containsExactly(owner.id(), invitee.id());
    }

    @Test
    void acceptingNeedsASignedInUser() {
        Team.Invitation invitation = team.invite(orgId, owner, Team.newEmail("Ivy Invitee"), Role.MEMBER);

        assertProblem(api.post(link(invitation) + "/accept", null, null), 401, "authentication-required");

        assertThat(pendingIds()).containsExactly(invitation.id());
    }

    @Test
    void anUnknownLinkFindsNothing() {
        User someone = api.register("Sam Someone");
        String unknown = "/api/invitations/" + UUID.randomUUID();

        assertProblem(api.get(unknown, null), 404, "invitation-not-found");
        assertProblem(api.post(unknown + "/accept", someone.accessToken(), null), 404, "invitation-not-found");
        assertProblem(api.post(unknown + "/decline", null, null), 404, "invitation-not-found");
    }

    @Test
    void anInvitationPastItsExpiryIsGoneAndCannotBeAccepted() {
        User invitee = api.register("Ivy Invitee");
        // Already past when created: expired whether or not its expiry deadline has run by the time we look.
        Team.Invitation invitation = team.invite(orgId, owner, invitee.email(), Role.MEMBER,
                Instant.now().minus(Duration.ofSeconds(1)));

        assertProblem(api.get(link(invitation), null), 410, "invitation-expired");
        assertProblem(team.accept(invitation, invitee), 409, "invitation-expired");

        assertThat(memberIds()).containsExactly(owner.id());
    }

    // --- the invitee's public view -----------------------------------------------------------------------------

    @Test
    void theLinkShowsOnlyOrganizationNameInviterNameRoleAndExpiryToAnyone() {
        String email = Team.newEmail("Ivy Invitee");
        Instant expiresAt = Instant.now().plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MILLIS);
        Team.Invitation invitation = team.invite(orgId, owner, email, Role.VIEWER, expiresAt);

        Response shown = api.get(link(invitation), null);

        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(fieldNames(shown.body()))
                .containsExactlyInAnyOrder("organizationName", "inviterName", "role", "expiresAt");
        assertThat(shown.text("organizationName")).isEqualTo(orgName);
        assertThat(shown.text("inviterName")).isEqualTo("Olga Owner");
        assertThat(shown.text("role")).isEqualTo("VIEWER");
        assertThat(Instant.parse(shown.text("expiresAt"))).isEqualTo(expiresAt);
        assertThat(shown.raw().body()).doesNotContain(email).doesNotContain(invitation.id()).doesNotContain(orgId)
                .doesNotContain(owner.id()).doesNotContain(invitation.token());
    }

    // --- ending an invitation ----------------------------------------------------------------------------------

    @Test
    void declineNeedsNoSignInAndEndsTheInvitation() {
        Team.Invitation invitation = team.invite(orgId, owner, Team.newEmail("Ivy Invitee"), Role.MEMBER);

        Response declined = api.post(link(invitation) + "/decline", null, null);

        assertThat(declined.status()).as(declined.toString()).isEqualTo(204);
        assertThat(pendingIds()).isEmpty();
        assertProblem(api.get(link(invitation), null), 409, "invitation-declined");
        assertProblem(api.post(link(invitation) + "/decline", null, null), 409, "invitation-declined");
    }

    @Test
    void revokingRemovesTheInvitationFromThePendingList() {
        Team.Invitation kept = team.invite(orgId, owner, Team.newEmail("Kim Kept"), Role.MEMBER);
        Team.Invitation revokedOne = team.invite(orgId, owner, Team.newEmail("Ray Revoked"), Role.MEMBER);
        assertThat(pendingIds()).containsExactly(kept.id(), revokedOne.id());

        Response revoked = api.delete(invitationPath(revokedOne), owner.accessToken());

        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(pendingIds()).containsExactly(kept.id());
        assertProblem(api.delete(invitationPath(revokedOne), owner.accessToken()), 409, "invitation-revoked");
        assertProblem(api.get(link(revokedOne), null), 409, "invitation-revoked");
    }

    @Test
    void revokingAndDecliningFreeTheSeatWhileAcceptingKeepsIt() {
        // Five seats: the owner and four pending invitations fill them.
        Team.Invitation toRevoke = team.invite(orgId, owner, Team.newEmail("Ray Revoked"), Role.MEMBER);
        Team.Invitation toDecline = team.invite(orgId, owner, Team.newEmail("Dee Declines"), Role.MEMBER);
        User joiner = api.register("Jo Joiner");
        Team.Invitation toAccept = team.invite(orgId, owner, joiner.email(), Role.MEMBER);
        team.invite(orgId, owner, Team.newEmail("Pat Pending"), Role.MEMBER);
        assertProblem(invite(Team.newEmail("Fay Full"), "MEMBER"), 409, "seat-limit-reached");

        assertThat(api.delete(invitationPath(toRevoke), owner.accessToken()).status()).isEqualTo(204);
        assertThat(invite(Team.newEmail("Una After Revoke"), "MEMBER").status()).isEqualTo(201);
        assertProblem(invite(Team.newEmail("Fay Full"), "MEMBER"), 409, "seat-limit-reached");

        assertThat(api.post(link(toDecline) + "/decline", null, null).status()).isEqualTo(204);
        assertThat(invite(Team.newEmail("Una After Decline"), "MEMBER").status()).isEqualTo(201);
        assertProblem(invite(Team.newEmail("Fay Full"), "MEMBER"), 409, "seat-limit-reached");

        // An accepted invitation's seat becomes the new member's: still full.
        assertThat(team.accept(toAccept, joiner).status()).isEqualTo(200);
        assertProblem(invite(Team.newEmail("Fay Full"), "MEMBER"), 409, "seat-limit-reached");
        assertThat(memberIds().size() + pendingIds().size()).isEqualTo(5);
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private Response invite(String email, String role) {
        return api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", email, "role", role));
    }

    private List<String> pendingIds() {
        Response pending = api.get("/api/orgs/" + orgId + "/invitations", owner.accessToken());
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        return values(pending.body().path("items"), "id");
    }

    private List<String> pendingEmails() {
        return values(api.get("/api/orgs/" + orgId + "/invitations", owner.accessToken()).body().path("items"),
                "email");
    }

    private List<String> memberIds() {
        Response members = api.get("/api/orgs/" + orgId + "/members", owner.accessToken());
        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        return values(members.body().path("items"), "userId");
    }

    private String invitationPath(Team.Invitation invitation) {
        return "/api/orgs/" + orgId + "/invitations/" + invitation.id();
    }

    private static String link(Team.Invitation invitation) {
        return "/api/invitations/" + invitation.token();
    }

    private static List<String> values(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path(field).asText()).toList();
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
    }
}
