package dev.tenantry.command.invitation;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.invitation.AcceptInvitationCommand;
import dev.tenantry.api.invitation.DeclineInvitationCommand;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationDeclinedEvent;
import dev.tenantry.api.invitation.InvitationExpiredEvent;
import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.InvitationRevokedEvent;
import dev.tenantry.api.invitation.InvitationStatus;
import dev.tenantry.api.invitation.InviteMemberCommand;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.invitation.ResendInvitationCommand;
import dev.tenantry.api.invitation.RevokeInvitationCommand;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.membership.MemberRoster;
import dev.tenantry.command.organization.Seats;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * An invitation to join an organization, by email. It holds only the hash of its current token; the token goes
 * to the invitee by mail and nowhere else. It expires through a persistent deadline.
 */
@Aggregate
public class Invitation {

    static final String EXPIRY_DEADLINE = "invitation-expiry";

    @AggregateIdentifier
    private String invitationId;
    private String organizationId;
    private String email;
    private Role role;
    private String tokenHash;
    private Instant expiresAt;
    private InvitationStatus status;

    protected Invitation() {
        // for Axon
    }

    @CommandHandler
    public Invitation(InviteMemberCommand command, MemberRoster roster, PendingInvitations pending, Seats seats,
                      DeadlineManager deadlines) {
        Role actorRole = roster.requirePermission(command.organizationId(), command.actorId(),
                Permission.MANAGE_MEMBERS);
        if (command.role() == Role.OWNER) {
            if (actorRole != Role.OWNER) {
                throw DomainException.forbidden("owner-invitation-forbidden", "An ADMIN cannot invite an OWNER");
            }
            throw DomainException.invalid("owner-not-invitable", "role",
                    "Nobody joins as OWNER: invite as ADMIN, then transfer ownership");
        }
        if (roster.hasActiveMemberWithEmail(command.organizationId(), command.email())) {
            throw DomainException.conflict("already-member", "email", command.email() + " is already a member");
        }
        // Lock first: every seat-changing command of this organization waits here for the one before it.
        Seats.Usage usage = seats.lock(command.organizationId());
        if (!usage.hasRoomFor(1)) {
            throw seatLimitReached(usage);
        }
        if (!pending.tryClaim(command.organizationId(), command.email(), command.invitationId())) {
            throw DomainException.conflict("invitation-pending", "email",
                    "An invitation to " + command.email() + " is already pending");
        }
        apply(new MemberInvitedEvent(command.invitationId(), command.organizationId(), command.email(),
                command.role(), command.actorId(), command.tokenHash(), command.expiresAt()))
                .andThen(() -> deadlines.schedule(command.expiresAt(), EXPIRY_DEADLINE));
    }

    @CommandHandler
    public void handle(ResendInvitationCommand command, MemberRoster roster, DeadlineManager deadlines) {
        requireOrganization(command.organizationId());
        roster.requirePermission(organizationId, command.actorId(), Permission.MANAGE_MEMBERS);
        requirePending();
        apply(new InvitationResentEvent(invitationId, organizationId, command.tokenHash(), command.expiresAt()));
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
        deadlines.schedule(command.expiresAt(), EXPIRY_DEADLINE);
    }

    @CommandHandler
    public void handle(RevokeInvitationCommand command, MemberRoster roster, DeadlineManager deadlines) {
        requireOrganization(command.organizationId());
        roster.requirePermission(organizationId, command.actorId(), Permission.MANAGE_MEMBERS);
        requirePending();
        apply(new InvitationRevokedEvent(invitationId, organizationId, email));
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    @CommandHandler
    public void handle(DeclineInvitationCommand command, DeadlineManager deadlines) {
        requireToken(command.tokenHash());
        requirePending();
        apply(new InvitationDeclinedEvent(invitationId, organizationId, email));
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
    }

    /**
     * Accepts on behalf of the signed-in user; returns the role they join with. Called by
     * {@link InvitationAcceptance}, which adds the membership in the same unit of work.
     */
    Role accept(AcceptInvitationCommand command, MemberRoster roster, Seats seats, DeadlineManager deadlines) {
        requireToken(command.tokenHash());
        requirePending();
        roster.requireOpen(organizationId);
        if (!email.equals(command.userEmail())) {
            throw DomainException.forbidden("invitation-email-mismatch",
                    "This invitation is for another email address than your account's");
        }
        // Anyone may register with any address; the invitation goes to whoever can read that mailbox.
        if (!command.userEmailVerified()) {
            throw DomainException.forbidden("email-not-verified",
                    "Verify your account's email address first: follow the link in the mail we sent when you "
                            + "registered, or ask for a new one with POST /api/auth/verify-email/resend");
        }
        Seats.Usage usage = seats.lock(organizationId);
        // This invitation already holds one of the counted seats; a downgrade may have left fewer than that.
        if (!usage.hasRoomFor(0)) {
            throw seatLimitReached(usage);
        }
        apply(new InvitationAcceptedEvent(invitationId, organizationId, email, command.userId(), role));
        deadlines.cancelAllWithinScope(EXPIRY_DEADLINE);
        return role;
    }

    @DeadlineHandler(deadlineName = EXPIRY_DEADLINE)
    void expire() {
        // A deadline from before a resend is cancelled, but one that fired while it was being cancelled must not
        // expire the fresh invitation.
        if (status == InvitationStatus.PENDING && !GenericEventMessage.clock.instant().isBefore(expiresAt)) {
            apply(new InvitationExpiredEvent(invitationId, organizationId, email));
        }
    }

    @EventSourcingHandler
    void on(MemberInvitedEvent event) {
        invitationId = event.invitationId();
        organizationId = event.organizationId();
        email = event.email();
        role = event.role();
        tokenHash = event.tokenHash();
        expiresAt = event.expiresAt();
        status = InvitationStatus.PENDING;
    }

    @EventSourcingHandler
    void on(InvitationResentEvent event) {
        tokenHash = event.tokenHash();
        expiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(InvitationRevokedEvent event) {
        status = InvitationStatus.REVOKED;
    }

    @EventSourcingHandler
    void on(InvitationDeclinedEvent event) {
        status = InvitationStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(InvitationAcceptedEvent event) {
        status = InvitationStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(InvitationExpiredEvent event) {
        status = InvitationStatus.EXPIRED;
    }

    /** Another tenant's invitation does not exist, as far as this tenant can tell. */
    private void requireOrganization(String commandOrganizationId) {
        if (!organizationId.equals(commandOrganizationId)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "invitation-not-found",
                    "No invitation " + invitationId + " in this organization", null);
        }
    }

    /** A token from before a resend, or for another invitation, finds nothing. */
    private void requireToken(String presentedHash) {
        if (presentedHash == null || !presentedHash.equals(tokenHash)) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "invitation-not-found",
                    "No invitation for this link", null);
        }
    }

    private void requirePending() {
        status.requirePending(expiresAt, GenericEventMessage.clock.instant());
    }

    private static DomainException seatLimitReached(Seats.Usage usage) {
        return DomainException.conflict("seat-limit-reached", "All " + usage.limit()
                + " seats of the plan are taken by members and pending invitations");
    }
}
