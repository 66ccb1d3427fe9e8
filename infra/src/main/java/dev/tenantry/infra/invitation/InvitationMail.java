package dev.tenantry.infra.invitation;

import dev.tenantry.command.SecretTokens;
import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.mail.MailOutbox;
import dev.tenantry.infra.mail.OutboxMail;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

/**
 * Mails an invitation's link. The clear token exists only in the request that made it and in the invitee's
 * mailbox: the controller hands it over through {@link #sendAfterCommit}, on the request's thread, and the event
 * handlers below (a subscribing processor: same thread, same transaction, since the command bus is synchronous)
 * pick it up by the hash the event carries and write it, encrypted, to the mail outbox together with the event.
 * The mail leaves once that transaction has committed.
 */
@Component
@ProcessingGroup(MailOutbox.PROCESSING_GROUP)
class InvitationMail {

    static final String LINK_PATH = "/api/invitations/" + OutboxMail.TOKEN;
    private static final Logger log = LoggerFactory.getLogger(InvitationMail.class);
    private static final ThreadLocal<Map<String, String>> TOKENS_IN_HAND = new ThreadLocal<>();
    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final MailOutbox outbox;
    private final JdbcTemplate jdbc;
    private final EventStore eventStore;

    InvitationMail(MailOutbox outbox, JdbcTemplate jdbc, EventStore eventStore) {
        this.outbox = outbox;
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    /** Runs the action that records the invitation (or its new token) with the token in hand for the mail. */
    void sendAfterCommit(String token, Runnable recordInvitation) {
        String hash = SecretTokens.hash(token);
        Map<String, String> inHand = TOKENS_IN_HAND.get();
        if (inHand == null) {
            inHand = new HashMap<>();
            TOKENS_IN_HAND.set(inHand);
        }
        inHand.put(hash, token);
        try {
            recordInvitation.run();
        } finally {
            inHand.remove(hash);
            if (inHand.isEmpty()) {
                TOKENS_IN_HAND.remove();
            }
        }
    }

    @EventHandler
    void on(MemberInvitedEvent event, EventMessage<?> message) {
        mail(message, event.invitationId(), event.organizationId(), event.email(), event.role(), event.inviterId(),
                event.tokenHash(), event.expiresAt());
    }

    @EventHandler
    void on(InvitationResentEvent event, EventMessage<?> message) {
        // The resend event carries only what changed; who and as what come from the invitation's first event,
        // read from the event store (the read model may lag behind).
        MemberInvitedEvent invited = eventStore.readEvents(event.invitationId()).asStream()
                .map(EventMessage::getPayload)
                .filter(MemberInvitedEvent.class::isInstance)
                .map(MemberInvitedEvent.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No MemberInvitedEvent for " + event.invitationId()));
        mail(message, event.invitationId(), event.organizationId(), invited.email(), invited.role(),
                invited.inviterId(), event.tokenHash(), event.expiresAt());
    }

    private void mail(EventMessage<?> message, String invitationId, String organizationId, String email, Role role,
                      String inviterId, String tokenHash, Instant expiresAt) {
        Map<String, String> inHand = TOKENS_IN_HAND.get();
        String token = inHand == null ? null : inHand.get(tokenHash);
        if (token == null) {
            // Not issued through InvitationController on this thread (e.g. a command routed to another node):
            // nobody holds the token, so no mail could carry a working link. The inviter can resend.
            log.warn("Invitation {}: no token in hand for its link, so no mail was sent", invitationId);
            return;
        }
        String organization = OutboxMail.oneLine(organizationName(organizationId));
        String inviter = OutboxMail.oneLine(displayName(inviterId));
        String subject = inviter + " invited you to join " + organization + " on Tenantry";
        String text = """
                Hello,

                %s invited you to join %s on Tenantry with the role %s.

                The invitation expires on %s. If you did not expect it, you can ignore this mail.

                Open the invitation:""".formatted(inviter, organization, role.name(), EXPIRY.format(expiresAt));
        outbox.enqueue(new OutboxMail("event:" + message.getIdentifier(), email, subject, text, LINK_PATH, token));
    }

    /**
     * Straight from the tables, inside the command's transaction: the organization read model (its row exists
     * since the organization's creation was answered) and the account table, which is not event sourced.
     */
    private String organizationName(String organizationId) {
        return jdbc.queryForList("select name from organization_view where tenant_id = ?", String.class,
                organizationId).stream().findFirst().orElse("an organization");
    }

    private String displayName(String userId) {
        return jdbc.queryForList("select display_name from user_account where id = ?", String.class, userId)
                .stream().findFirst().orElse("Someone");
    }
}
