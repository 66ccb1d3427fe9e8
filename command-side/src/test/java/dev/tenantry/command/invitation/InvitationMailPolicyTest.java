package dev.tenantry.command.invitation;

import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.SecretTokens;
import dev.tenantry.command.invitation.InvitationMail.MailedInvitation;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which invitation events mail the invitee, and with which facts; the words and the outbox are the application's. */
class InvitationMailPolicyTest {

    private static final String INVITATION = "invitation-1";
    private static final String ORG = "org-1";
    private static final String INVITER = "user-inviter";
    private static final Instant EXPIRES = Instant.parse("2026-12-07T10:00:00Z");

    private final List<MailedInvitation> mailed = new ArrayList<>();
    private final EmbeddedEventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final InvitationNames names = new InvitationNames() {
        @Override
        public Optional<String> organizationName(String organizationId) {
            return Optional.ofNullable(Map.of(ORG, "Acme").get(organizationId));
        }

        @Override
        public Optional<String> displayName(String userId) {
            return Optional.ofNullable(Map.of(INVITER, "Ida Inviter").get(userId));
        }
    };
    private final InvitationMailPolicy policy = new InvitationMailPolicy(mailed::add, names, eventStore);

    @AfterEach
    void tearDown() {
        eventStore.shutDown();
    }

    @Test
    void anInvitationMadeWithItsTokenInHandMailsTheInviteeTheTokenAndTheNames() {
        String token = SecretTokens.newToken();
        MemberInvitedEvent invited = invited(token, ORG, INVITER);
        EventMessage<?> message = GenericEventMessage.asEventMessage(invited);

        policy.sendAfterCommit(token, () -> policy.on(invited, message));

        assertThat(mailed).containsExactly(new MailedInvitation(message.getIdentifier(), INVITATION,
                "invitee@example.com", "Acme", "Ida Inviter", Role.ADMIN, EXPIRES, token));
    }

    @Test
    void noMailWithoutTheTokenInHandNorForAnotherTokenNorAfterTheActionReturned() {
        String token = SecretTokens.newToken();
        MemberInvitedEvent invited = invited(token, ORG, INVITER);

        policy.on(invited, GenericEventMessage.asEventMessage(invited));
        policy.sendAfterCommit(SecretTokens.newToken(), () -> policy.on(invited,
                GenericEventMessage.asEventMessage(invited)));
        policy.sendAfterCommit(token, () -> { });
        policy.on(invited, GenericEventMessage.asEventMessage(invited));

        assertThat(mailed).isEmpty();
    }

    @Test
    void theTokenIsNoLongerInHandWhenTheActionFailed() {
        String token = SecretTokens.newToken();
        MemberInvitedEvent invited = invited(token, ORG, INVITER);

        assertThatThrownBy(() -> policy.sendAfterCommit(token, () -> {
            throw new IllegalStateException("refused");
        })).hasMessage("refused");
        policy.on(invited, GenericEventMessage.asEventMessage(invited));

        assertThat(mailed).isEmpty();
    }

    @Test
    void aResendMailsTheFreshTokenToWhomAndAsWhatTheInvitationsFirstEventSays() {
        eventStore.publish(new GenericDomainEventMessage<>("Invitation", INVITATION, 0,
                invited(SecretTokens.newToken(), ORG, INVITER)));
        String fresh = SecretTokens.newToken();
        Instant later = EXPIRES.plusSeconds(3600);
        InvitationResentEvent resent = new InvitationResentEvent(INVITATION, ORG, SecretTokens.hash(fresh), later);
        EventMessage<?> message = GenericEventMessage.asEventMessage(resent);

        policy.sendAfterCommit(fresh, () -> policy.on(resent, message));

        assertThat(mailed).containsExactly(new MailedInvitation(message.getIdentifier(), INVITATION,
                "invitee@example.com", "Acme", "Ida Inviter", Role.ADMIN, later, fresh));
    }

    @Test
    void namesThatCannotBeFoundAreLeftToTheMailsWords() {
        String token = SecretTokens.newToken();
        MemberInvitedEvent invited = invited(token, "org-gone", "user-gone");

        policy.sendAfterCommit(token, () -> policy.on(invited, GenericEventMessage.asEventMessage(invited)));

        assertThat(mailed).singleElement().satisfies(mail -> {
            assertThat(mail.organizationName()).isNull();
            assertThat(mail.inviterName()).isNull();
        });
    }

    private static MemberInvitedEvent invited(String token, String organizationId, String inviterId) {
        return new MemberInvitedEvent(INVITATION, organizationId, "invitee@example.com", Role.ADMIN, inviterId,
                SecretTokens.hash(token), EXPIRES);
    }
}
