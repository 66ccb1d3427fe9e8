package dev.tenantry.infra.invitation;

import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.command.SecretTokens;
import dev.tenantry.api.invitation.AcceptInvitationCommand;
import dev.tenantry.api.invitation.DeclineInvitationCommand;
import dev.tenantry.api.invitation.FindInvitationByTokenQuery;
import dev.tenantry.api.invitation.InvitationView;
import dev.tenantry.api.membership.FindMembershipQuery;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.command.identity.EmailVerification;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;

/** The invitee's side, reached through the mailed link. Showing and declining need only the link. */
@RestController
@RequestMapping("/api/invitations/{token}")
@Tag(name = "Invitations")
class InvitationLinkController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final EmailVerification emailVerification;
    private final Clock clock;

    InvitationLinkController(CommandSender commands, QueryGateway queries, EmailVerification emailVerification,
                             Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.queries = queries;
        this.emailVerification = emailVerification;
    }

    /** What an invitee may see before deciding: nothing about the organization beyond its name. */
    record PublicInvitation(String organizationName, String inviterName, Role role, Instant expiresAt) {
    }

    @GetMapping
    @Operation(summary = "The invitation behind a link (public): organization, inviter, role, expiry")
    @ProblemResponse(status = 409, codes = {"invitation-accepted", "invitation-declined", "invitation-revoked"})
    @ProblemResponse(status = 410, codes = "invitation-expired")
    PublicInvitation show(@PathVariable String token) {
        InvitationView invitation = pending(token);
        return new PublicInvitation(invitation.organizationName(), invitation.inviterName(), invitation.role(),
                invitation.expiresAt());
    }

    @PostMapping("/accept")
    @Operation(summary = "Accept (signed in, with the invited email): you become a member with the invited role")
    @ProblemResponse(status = 403, codes = {"invitation-email-mismatch", "email-not-verified"})
    @ProblemResponse(status = 409, codes = {"invitation-accepted", "invitation-declined", "invitation-revoked",
            "invitation-expired"})
    MemberView accept(@CurrentUser AuthenticatedUser user, @PathVariable String token) {
        InvitationView invitation = find(token);
        commands.send(new AcceptInvitationCommand(invitation.id(), invitation.organizationId(),
                SecretTokens.hash(token), user.id(), user.email(), emailVerification.isVerified(user.id())),
                user.id());
        return queries.query(new FindMembershipQuery(invitation.organizationId(), user.id()),
                ResponseTypes.optionalInstanceOf(MemberView.class)).join().orElseThrow();
    }

    @PostMapping("/decline")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Decline (public: whoever holds the link may say no)")
    @ProblemResponse(status = 409, codes = {"invitation-accepted", "invitation-declined", "invitation-revoked",
            "invitation-expired"})
    void decline(@PathVariable String token) {
        InvitationView invitation = find(token);
        commands.send(new DeclineInvitationCommand(invitation.id(), invitation.organizationId(),
                SecretTokens.hash(token)), null);
    }

    private InvitationView find(String token) {
        return queries.query(new FindInvitationByTokenQuery(SecretTokens.hash(token)),
                        ResponseTypes.optionalInstanceOf(InvitationView.class)).join()
                .orElseThrow(() -> ApiException.notFound("invitation-not-found", "No invitation for this link"));
    }

    private InvitationView pending(String token) {
        InvitationView invitation = find(token);
        if (invitation.status().isExpired(invitation.expiresAt(), clock.instant())) {
            // Its link is gone for good (410); acting on it is a conflict (409) like on any that is not pending.
            throw new ApiException(HttpStatus.GONE, "invitation-expired", "Gone", "This invitation has expired");
        }
        invitation.status().requirePending(invitation.expiresAt(), clock.instant());
        return invitation;
    }
}
