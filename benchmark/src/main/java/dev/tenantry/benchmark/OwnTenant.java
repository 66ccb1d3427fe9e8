package dev.tenantry.benchmark;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * A command-mix client's own organization, set up before anything is measured: its owner (whose access token the
 * client writes with) and a second member who joined by invitation, so that there is a role to change.
 *
 * @param memberUserId the member whose role the mix changes; joined as MEMBER
 */
record OwnTenant(int client, String organizationId, String ownerToken, String memberUserId) {

    static final String MEMBER_ROLE = "MEMBER";
    // The mail leaves after the invitation's commit, on the outbox's own thread: a moment later, or at the next poll.
    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);

    /**
     * Registers the owner and the member (bcrypt, which would dominate any window it fell into), creates the
     * organization, invites the member, verifies the member's email and accepts with the link from the invitation
     * mail, both links read from the app's log (accepting needs a verified email).
     */
    static OwnTenant setUp(TenantryApi api, MailLog mails, String runId, int client) throws InterruptedException {
        String prefix = "bench-" + runId + "-c" + client;
        String ownerToken = field(api.register(prefix + "-owner@example.com", ClientLoop.PASSWORD,
                "Bench owner " + client), 201, "accessToken", "register the owner of client " + client);
        String organizationId = field(api.createOrg(ownerToken, "Bench " + runId + " c" + client), 201, "id",
                "create the organization of client " + client);
        String memberEmail = prefix + "-member@example.com";
        String memberToken = field(api.register(memberEmail, ClientLoop.PASSWORD, "Bench member " + client), 201,
                "accessToken", "register the member of client " + client);
        field(api.write("POST", ownerToken, "/api/orgs/" + organizationId + "/invitations",
                "{\"email\":" + Json.quote(memberEmail) + ",\"role\":\"" + MEMBER_ROLE + "\"}", correlationId()),
                201, "id", "invite the member of client " + client);
        String verification = mails.awaitVerificationToken(memberEmail, MAIL_WAIT);
        Call verified = api.write("POST", memberToken, "/api/auth/verify-email",
                "{\"token\":" + Json.quote(verification) + "}", correlationId());
        if (verified.status() != 204) {
            throw new IllegalStateException("could not verify the email of the member of client " + client + ": HTTP "
                    + verified.status() + " " + verified.body());
        }
        String link = mails.awaitInvitationToken(memberEmail, MAIL_WAIT);
        String memberUserId = field(api.write("POST", memberToken, "/api/invitations/" + link + "/accept", null,
                correlationId()), 200, "userId", "accept the invitation of client " + client);
        return new OwnTenant(client, organizationId, ownerToken, memberUserId);
    }

    static String correlationId() {
        return "bench-" + UUID.randomUUID();
    }

    private static String field(Call call, int expectedStatus, String field, String what) {
        Optional<String> value = call.status() == expectedStatus ? Json.topLevelString(call.body(), field)
                : Optional.empty();
        return value.orElseThrow(() -> new IllegalStateException("could not " + what + ": "
                + (call.status() == Call.NO_RESPONSE ? "no response" : "HTTP " + call.status()) + " " + call.body()));
    }
}
