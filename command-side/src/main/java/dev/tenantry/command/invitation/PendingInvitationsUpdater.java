package dev.tenantry.command.invitation;

import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationDeclinedEvent;
import dev.tenantry.api.invitation.InvitationExpiredEvent;
import dev.tenantry.api.invitation.InvitationRevokedEvent;
import dev.tenantry.command.CommandLookups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Frees the (organization, email) slot and the seat as soon as an invitation stops pending, in the same transaction. */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class PendingInvitationsUpdater {

    private final PendingInvitations pending;

    PendingInvitationsUpdater(PendingInvitations pending) {
        this.pending = pending;
    }

    @EventHandler
    void on(InvitationAcceptedEvent event) {
        pending.release(event.invitationId());
    }

    @EventHandler
    void on(InvitationDeclinedEvent event) {
        pending.release(event.invitationId());
    }

    @EventHandler
    void on(InvitationRevokedEvent event) {
        pending.release(event.invitationId());
    }

    @EventHandler
    void on(InvitationExpiredEvent event) {
        pending.release(event.invitationId());
    }
}
