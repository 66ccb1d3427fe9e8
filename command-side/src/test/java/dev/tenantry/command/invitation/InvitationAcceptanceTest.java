package dev.tenantry.command.invitation;

import dev.tenantry.api.invitation.AcceptInvitationCommand;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InviteMemberCommand;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.membership.Membership;
import dev.tenantry.command.testsupport.InMemoryAxon;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import dev.tenantry.command.testsupport.InMemoryPendingInvitations;
import dev.tenantry.command.testsupport.InMemorySeats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accepting uses up the invitation and adds (or reactivates) the membership in one unit of work: both aggregates
 * on one event store, so that a refusal by either leaves neither changed.
 */
class InvitationAcceptanceTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-000000000001";
    private static final String INVITATION = "1a7e0000-0000-4000-8000-000000000001";
    private static final String OWNER = "user-owner";
    private static final String INVITEE = "user-invitee";
    private static final String EMAIL = "new.hire@example.com";
    private static final String HASH = "a".repeat(64);
    private static final String MEMBERSHIP = MembershipIds.of(ORG, INVITEE);

    private final Instant expiresAt = Instant.now().plus(Duration.ofDays(7)).truncatedTo(ChronoUnit.MILLIS);
    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER);
    private final InMemoryPendingInvitations pending = new InMemoryPendingInvitations();
    private final InMemorySeats seats = new InMemorySeats(roster, pending).limit(ORG, 5);
    private final InMemoryAxon axon = new InMemoryAxon(roster, pending, seats);

    @AfterEach
    void shutDown() {
        axon.close();
    }

    private InviteMemberCommand invite(Role role) {
        return new InviteMemberCommand(INVITATION, ORG, EMAIL, role, HASH, expiresAt, OWNER);
    }

    private static AcceptInvitationCommand accept() {
        return new AcceptInvitationCommand(INVITATION, ORG, HASH, INVITEE, EMAIL, true);
    }

    @Test
    void theInviteeJoinsWithTheInvitedRole() {
        axon.givenCommands(invite(Role.ADMIN))
                .when(accept())
                .expectEvents(new InvitationAcceptedEvent(INVITATION, ORG, EMAIL, INVITEE, Role.ADMIN),
                        new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.ADMIN));
        assertThat(axon.deadlines().getScheduledDeadlines()).as("expiry deadline cancelled").isEmpty();
    }

    @Test
    void anAccountWithAnotherEmailCannotAccept() {
        axon.givenCommands(invite(Role.MEMBER))
                .when(new AcceptInvitationCommand(INVITATION, ORG, HASH, INVITEE, "someone.else@example.com", true))
                .expectDomainError("invitation-email-mismatch")
                .expectNoEvents();
        assertThat(axon.history(MEMBERSHIP)).isEmpty();
    }

    @Test
    void anAccountWhoseEmailIsNotVerifiedCannotAcceptEvenWithTheInvitedEmail() {
        axon.givenCommands(invite(Role.MEMBER))
                .when(new AcceptInvitationCommand(INVITATION, ORG, HASH, INVITEE, EMAIL, false))
                .expectDomainError("email-not-verified")
                .expectNoEvents();
        assertThat(axon.history(MEMBERSHIP)).isEmpty();
    }

    @Test
    void aWrongTokenFindsNoInvitation() {
        axon.givenCommands(invite(Role.MEMBER))
                .when(new AcceptInvitationCommand(INVITATION, ORG, "b".repeat(64), INVITEE, EMAIL, true))
                .expectDomainError("invitation-not-found")
                .expectNoEvents();
        assertThat(axon.history(MEMBERSHIP)).isEmpty();
    }

    @Test
    void anInvitationIsAcceptedOnce() {
        axon.givenCommands(invite(Role.MEMBER), accept())
                .when(accept())
                .expectDomainError("invitation-accepted")
                .expectNoEvents();
        assertThat(axon.history(MEMBERSHIP)).containsExactly(new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER));
    }

    @Test
    void someoneWhoLeftRejoinsOnTheSameMembership() {
        axon.given(Membership.class, MEMBERSHIP, new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.ADMIN),
                        new MemberLeftEvent(MEMBERSHIP, ORG, INVITEE, Role.ADMIN))
                .givenCommands(invite(Role.VIEWER))
                .when(accept())
                .expectEvents(new InvitationAcceptedEvent(INVITATION, ORG, EMAIL, INVITEE, Role.VIEWER),
                        new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.VIEWER));
        assertThat(axon.history(MEMBERSHIP)).hasSize(3).last()
                .isEqualTo(new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.VIEWER));
    }

    @Test
    void someoneWhoWasRemovedRejoinsOnTheSameMembership() {
        axon.given(Membership.class, MEMBERSHIP, new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER),
                        new MemberRemovedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER))
                .givenCommands(invite(Role.MEMBER))
                .when(accept())
                .expectEvents(new InvitationAcceptedEvent(INVITATION, ORG, EMAIL, INVITEE, Role.MEMBER),
                        new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER));
    }

    @Test
    void anActiveMemberCannotJoinAgainAndTheInvitationStaysUnused() {
        // The roster did not know the account's email (say it changed), so the invitation went out.
        axon.given(Membership.class, MEMBERSHIP, new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER))
                .givenCommands(invite(Role.ADMIN))
                .when(accept())
                .expectDomainError("already-member")
                .expectNoEvents();
        // Both aggregates changed in one unit of work, so the invitation's acceptance was rolled back too.
        assertThat(axon.history(INVITATION)).containsExactly(
                new MemberInvitedEvent(INVITATION, ORG, EMAIL, Role.ADMIN, OWNER, HASH, expiresAt));
        assertThat(axon.history(MEMBERSHIP)).containsExactly(new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER));
    }

    @Test
    void afterADowngradeLeftMoreSeatsTakenThanThePlanAllowsNobodyJoins() {
        axon.givenCommands(invite(Role.MEMBER));
        // The owner and this invitation take two seats; the plan now allows one.
        seats.limit(ORG, 1);
        axon.when(accept())
                .expectDomainError("seat-limit-reached")
                .expectNoEvents();
        assertThat(axon.history(MEMBERSHIP)).isEmpty();
    }

    @Test
    void theInvitationsOwnSeatIsEnoughToJoinAFullPlan() {
        axon.givenCommands(invite(Role.MEMBER));
        // The owner and this invitation take both seats: the invitee only moves from pending to member.
        seats.limit(ORG, 2);
        axon.when(accept())
                .expectEvents(new InvitationAcceptedEvent(INVITATION, ORG, EMAIL, INVITEE, Role.MEMBER),
                        new MemberAddedEvent(MEMBERSHIP, ORG, INVITEE, Role.MEMBER));
    }
}
