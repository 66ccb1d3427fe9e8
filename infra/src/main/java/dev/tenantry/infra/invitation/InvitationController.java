package dev.tenantry.infra.invitation;

import dev.tenantry.command.SecretTokens;
import dev.tenantry.api.invitation.FindInvitationQuery;
import dev.tenantry.api.invitation.FindPendingInvitationsQuery;
import dev.tenantry.api.invitation.InvitationView;
import dev.tenantry.api.invitation.InviteMemberCommand;
import dev.tenantry.api.invitation.ResendInvitationCommand;
import dev.tenantry.api.invitation.RevokeInvitationCommand;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.invitation.InvitationMailPolicy;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.Items;
import dev.tenantry.infra.web.RateLimits;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/** The tenant's side of invitations: invite, list pending, revoke, resend (OWNER, ADMIN). */
@RestController
@RequestMapping("/api/orgs/{orgId}/invitations")
@Tag(name = "Invitations")
class InvitationController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TenantAccess access;
    private final InvitationMailPolicy mail;
    private final RateLimits limits;
    private final Duration ttl;
    private final Clock clock;

    InvitationController(CommandSender commands, QueryGateway queries, TenantAccess access, InvitationMailPolicy mail,
                         RateLimits limits, TenantryProperties properties, Clock clock) {
        this.clock = clock;
        this.commands = commands;
        this.queries = queries;
        this.access = access;
        this.mail = mail;
        this.limits = limits;
        this.ttl = properties.invitations().ttl();
    }

    record Invite(@NotBlank @Email @Size(max = 254) String email, @NotNull Role role) {

        Invite {
            email = email == null ? null : email.strip();
        }
    }

    @PostMapping
    @Operation(summary = "Invite someone by email with a role (OWNER, ADMIN); the link goes by mail only", responses = {
            @ApiResponse(responseCode = "201", description = "Invited",
                    headers = @Header(name = "Location", required = true, description = "The invitation")),
            @ApiResponse(responseCode = "202", description = "Invited; the read models show it shortly",
                    headers = @Header(name = "Location", required = true, description = "The invitation"),
                    content = @Content)})
    ResponseEntity<InvitationView> invite(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                          @Valid @RequestBody Invite request) {
        access.require(orgId, user, Permission.MANAGE_MEMBERS);
        // Each invitation is a mail to someone who did not ask for it: an organization sends only so many.
        limits.take("invitations", orgId, limits.properties().invitations());
        String invitationId = UUID.randomUUID().toString();
        String token = SecretTokens.newToken();
        String email = request.email().toLowerCase(Locale.ROOT);
        mail.sendAfterCommit(token, () -> commands.send(new InviteMemberCommand(invitationId, orgId, email,
                request.role(), SecretTokens.hash(token), clock.instant().plus(ttl), user.id()), user.id()));
        URI location = URI.create("/api/orgs/" + orgId + "/invitations/" + invitationId);
        // Invited: the read model shows it a moment later when it is far behind (past the catch-up timeout).
        return lookUp(orgId, invitationId).map(view -> ResponseEntity.created(location).body(view))
                .orElseGet(() -> ResponseEntity.accepted().location(location).build());
    }

    @GetMapping
    @Operation(summary = "Pending invitations with inviter and expiry (OWNER, ADMIN)")
    Items<InvitationView> pending(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Permission.MANAGE_MEMBERS);
        return new Items<>(queries.query(new FindPendingInvitationsQuery(orgId),
                ResponseTypes.multipleInstancesOf(InvitationView.class)).join());
    }

    @DeleteMapping("/{invitationId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a pending invitation (OWNER, ADMIN); its link stops working")
    @ProblemResponse(status = 409, codes = {"invitation-accepted", "invitation-declined", "invitation-revoked",
            "invitation-expired"})
    void revoke(@CurrentUser AuthenticatedUser user, @PathVariable String orgId, @PathVariable String invitationId) {
        access.require(orgId, user, Permission.MANAGE_MEMBERS);
        find(orgId, invitationId);
        commands.send(new RevokeInvitationCommand(invitationId, orgId, user.id()), user.id());
    }

    @PostMapping("/{invitationId}/resend")
    @Operation(summary = "Issue a fresh link and mail it again (OWNER, ADMIN); the previous link stops working")
    @ProblemResponse(status = 409, codes = {"invitation-accepted", "invitation-declined", "invitation-revoked",
            "invitation-expired"})
    InvitationView resend(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                          @PathVariable String invitationId) {
        access.require(orgId, user, Permission.MANAGE_MEMBERS);
        find(orgId, invitationId);
        limits.take("invitations", orgId, limits.properties().invitations());
        String token = SecretTokens.newToken();
        mail.sendAfterCommit(token, () -> commands.send(new ResendInvitationCommand(invitationId, orgId,
                SecretTokens.hash(token), clock.instant().plus(ttl), user.id()), user.id()));
        return find(orgId, invitationId);
    }

    private InvitationView find(String orgId, String invitationId) {
        return lookUp(orgId, invitationId)
                .orElseThrow(() -> ApiException.notFound("invitation-not-found", "No invitation " + invitationId));
    }

    private Optional<InvitationView> lookUp(String orgId, String invitationId) {
        return queries.query(new FindInvitationQuery(orgId, invitationId),
                ResponseTypes.optionalInstanceOf(InvitationView.class)).join();
    }
}
