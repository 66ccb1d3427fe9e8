package dev.tenantry.command.invitation;

import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.command.MailPolicies;
import dev.tenantry.command.SecretTokens;
import dev.tenantry.command.invitation.InvitationMail.MailedInvitation;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Mails the invitee a link whenever an invitation gets a token: when it is created and when it is resent. The clear
 * token exists only in the request that made it and in the invitee's mailbox: whoever sends the command hands it over
 * through {@link #sendAfterCommit}, and the event handlers below (a subscribing processor: same thread, same
 * transaction, since the command bus is synchronous) pick it up by the hash the event carries and have it mailed,
 * written together with the event.
 */
@Component
@ProcessingGroup(MailPolicies.PROCESSING_GROUP)
public class InvitationMailPolicy {

    private static final Logger log = LoggerFactory.getLogger(InvitationMailPolicy.class);

    /** Token by hash, for the command running on this thread. */
    private final ThreadLocal<Map<String, String>> tokensInHand = new ThreadLocal<>();
    private final InvitationMail mail;
    private final InvitationNames names;
    private final EventStore eventStore;

    InvitationMailPolicy(InvitationMail mail, InvitationNames names, EventStore eventStore) {
        this.mail = mail;
        this.names = names;
        this.eventStore = eventStore;
    }

    /**
     * Runs the action that records the invitation (or its new token) with the token in hand for the mail.
     *
     * @param recordInvitation sends the command, on this thread, carrying the token's hash
     */
    public void sendAfterCommit(String token, Runnable recordInvitation) {
        String hash = SecretTokens.hash(token);
        Map<String, String> inHand = tokensInHand.get();
        if (inHand == null) {
            inHand = new HashMap<>();
            tokensInHand.set(inHand);
        }
        inHand.put(hash, token);
        try {
            recordInvitation.run();
        } finally {
            inHand.remove(hash);
            if (inHand.isEmpty()) {
                tokensInHand.remove();
            }
        }
    }

    @EventHandler
    void on(MemberInvitedEvent event, EventMessage<?> message) {
        mail(message, event.invitationId(), event.organizationId(), event.tokenHash(), event.expiresAt(), event);
    }

    @EventHandler
    void on(InvitationResentEvent event, EventMessage<?> message) {
        // The resend event carries only what changed; who and as what come from the invitation's first event,
        // read from the event store (a read model may lag behind).
        MemberInvitedEvent invited = eventStore.readEvents(event.invitationId()).asStream()
                .map(EventMessage::getPayload)
                .filter(MemberInvitedEvent.class::isInstance)
                .map(MemberInvitedEvent.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No MemberInvitedEvent for " + event.invitationId()));
        mail(message, event.invitationId(), event.organizationId(), event.tokenHash(), event.expiresAt(), invited);
    }

    private void mail(EventMessage<?> message, String invitationId, String organizationId, String tokenHash,
                      Instant expiresAt, MemberInvitedEvent invited) {
        Map<String, String> inHand = tokensInHand.get();
        String token = inHand == null ? null : inHand.get(tokenHash);
        if (token == null) {
            // Not issued through sendAfterCommit on this thread (e.g. a command routed to another node): nobody
            // holds the token, so no mail could carry a working link. The inviter can resend.
            log.warn("Invitation {}: no token in hand for its link, so no mail was sent", invitationId);
            return;
        }
        String organizationName = names.organizationName(organizationId).orElse(null);
        String inviterName = names.displayName(invited.inviterId()).orElse(null);
        mail.invitation(new MailedInvitation(message.getIdentifier(), invitationId, invited.email(), organizationName,
                inviterName, invited.role(), expiresAt, token));
    }
}
