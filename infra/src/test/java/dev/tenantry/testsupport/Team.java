package dev.tenantry.testsupport;

import dev.tenantry.api.invitation.InviteMemberCommand;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.command.SecretTokens;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Builds teams without mail. The API mails an invitation's token and never shows it, so this sends the same
 * {@link InviteMemberCommand} the API sends (through the application's own {@link CommandSender}: same metadata,
 * same read-your-writes wait) with a token the test keeps; accepting then goes through real HTTP.
 */
public final class Team {

    static final String VERIFY_SUBJECT = "Confirm your email address for Tenantry";

    private final ApiClient api;
    private final CommandSender commands;

    public Team(ApiClient api, CommandSender commands) {
        this.api = api;
        this.commands = commands;
    }

    /** A pending invitation whose link token the test knows. */
    public record Invitation(String id, String organizationId, String email, Role role, String token) {
    }

    /** Invites like the API does, valid for seven days. Throws what the command handler refused with. */
    public Invitation invite(String organizationId, User inviter, String email, Role role) {
        return invite(organizationId, inviter, email, role, Instant.now().plus(Duration.ofDays(7)));
    }

    public Invitation invite(String organizationId, User inviter, String email, Role role, Instant expiresAt) {
        String invitationId = UUID.randomUUID().toString();
        String token = SecretTokens.newToken();
        commands.send(new InviteMemberCommand(invitationId, organizationId, email, role,
                SecretTokens.hash(token), expiresAt, inviter.id()), inviter.id());
        return new Invitation(invitationId, organizationId, email, role, token);
    }

    /**
     * {@code POST /api/invitations/{token}/accept} as the given user, whose email is verified first (with the link
     * of the mail registration sent), as accepting requires. {@link #acceptUnverified} leaves it as it is.
     */
    public Response accept(Invitation invitation, User user) {
        verifyEmail(api, user);
        return acceptUnverified(invitation, user);
    }

    public Response acceptUnverified(Invitation invitation, User user) {
        return api.post("/api/invitations/" + invitation.token() + "/accept", user.accessToken(), null);
    }

    /** Verifies the user's email with the token of the mail registration sent, unless it is verified already. */
    public static void verifyEmail(ApiClient api, User user) {
        if (api.get("/api/me", user.accessToken()).body().path("emailVerified").asBoolean()) {
            return;
        }
        String token = TestMail.awaitMessagesTo(user.email(), VERIFY_SUBJECT, 1).get(0).token();
        Response verified = api.post("/api/auth/verify-email", null, Map.of("token", token));
        if (verified.status() != 204) {
            throw new AssertionError("could not verify " + user.email() + ": " + verified);
        }
    }

    /** Invites the existing user by their email and accepts as them; fails the test unless it worked. */
    public void add(String organizationId, User inviter, User user, Role role) {
        Response accepted = accept(invite(organizationId, inviter, user.email(), role), user);
        if (accepted.status() != 200 || !role.name().equals(accepted.text("role"))) {
            throw new AssertionError("joining " + organizationId + " as " + role + " failed: " + accepted);
        }
    }

    /** Registers a new user and makes them a member with the role. */
    public User join(String organizationId, User inviter, Role role, String displayName) {
        User user = api.register(displayName);
        add(organizationId, inviter, user, role);
        return user;
    }

    /** A unique lower-case email that belongs to no account. */
    public static String newEmail(String name) {
        return name.toLowerCase().replaceAll("[^a-z0-9]", "") + "-" + UUID.randomUUID() + "@example.com";
    }
}
