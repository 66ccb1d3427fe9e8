package dev.tenantry.command.invitation;

import dev.tenantry.api.invitation.AcceptInvitationCommand;
import dev.tenantry.api.invitation.DeclineInvitationCommand;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationDeclinedEvent;
import dev.tenantry.api.invitation.InvitationExpiredEvent;
import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.InvitationRevokedEvent;
import dev.tenantry.api.invitation.InviteMemberCommand;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.invitation.ResendInvitationCommand;
import dev.tenantry.api.invitation.RevokeInvitationCommand;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.membership.Membership;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import dev.tenantry.command.testsupport.InMemoryPendingInvitations;
import dev.tenantry.command.testsupport.InMemorySeats;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Stream;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;
import static org.assertj.core.api.Assertions.assertThat;

class InvitationTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-000000000001";
    private static final String OTHER_ORG = "5f0c7a1e-0000-4000-8000-000000000002";
    private static final String INVITATION = "1a7e0000-0000-4000-8000-000000000001";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final String MEMBER = "user-member";
    private static final String VIEWER = "user-viewer";
    private static final String STRANGER = "user-stranger";
    private static final String EMAIL = "new.hire@example.com";
    private static final String HASH = "a".repeat(64);
    private static final String NEW_HASH = "b".repeat(64);
    private static final Duration TTL = Duration.ofDays(7);
    private static final String EXPIRY = Invitation.EXPIRY_DEADLINE;

    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER)
            .member(ORG, ADMIN, "admin@example.com", Role.ADMIN)
            .member(ORG, MEMBER, "member@example.com", Role.MEMBER)
            .member(ORG, VIEWER, "viewer@example.com", Role.VIEWER);
    private final InMemoryPendingInvitations pending = new InMemoryPendingInvitations();
    private final InMemorySeats seats = new InMemorySeats(roster, pending).limit(ORG, 10);
    private AggregateTestFixture<Invitation> fixture;
    private Clock axonClock;
    private Instant expiresAt;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Invitation.class);
        fixture.registerInjectableResource(roster);
        fixture.registerInjectableResource(pending);
        fixture.registerInjectableResource(seats);
        // Accepting goes through InvitationAcceptance; the fixture's event store serves only the invitation, so
        // memberships get a store of their own. Joining is InvitationAcceptanceTest's subject; here only the
        // invitation's refusals are, which never reach the membership.
        EmbeddedEventStore membershipEvents = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine()).build();
        fixture.registerAnnotatedCommandHandler(new InvitationAcceptance(fixture.getRepository(),
                EventSourcingRepository.builder(Membership.class).eventStore(membershipEvents).build()));
        // The fixture fixes Axon's clock at its simulated time while a command runs, but not while time elapses:
        // without this, the expiry deadline's handler would compare the wall clock with a simulated expiresAt.
        axonClock = GenericEventMessage.clock;
        GenericEventMessage.clock = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return Clock.fixed(instant(), zone);
            }

            @Override
            public Instant instant() {
                return fixture.currentTime();
            }
        };
        expiresAt = fixture.currentTime().plus(TTL);
    }

    @AfterEach
    void restoreClock() {
        GenericEventMessage.clock = axonClock;
    }

    private InviteMemberCommand invite(String actor, Role role) {
        return invite(actor, EMAIL, role);
    }

    private InviteMemberCommand invite(String actor, String email, Role role) {
        return new InviteMemberCommand(INVITATION, ORG, email, role, HASH, expiresAt, actor);
    }

    private MemberInvitedEvent invited(String inviter, Role role) {
        return new MemberInvitedEvent(INVITATION, ORG, EMAIL, role, inviter, HASH, expiresAt);
    }

    private MemberInvitedEvent invited() {
        return invited(OWNER, Role.MEMBER);
    }

    // Inviting

    @Test
    void nobodyIsInvitedIntoAClosedOrganization() {
        roster.closeOrganization(ORG);
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectException(domainError("organization-closed"))
                .expectNoEvents();
    }

    @Test
    void aPendingInvitationCannotBeAcceptedOnceTheOrganizationIsClosed() {
        roster.closeOrganization(ORG);
        fixture.given(invited())
                .when(accept(HASH))
                .expectException(domainError("organization-closed"))
                .expectNoEvents();
    }

    @Test
    void anOwnerInvitesByEmailAndTheInvitationExpiresByADeadlineAtItsExpiry() {
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(invited(OWNER, Role.MEMBER))
                .expectScheduledDeadlineWithName(expiresAt, EXPIRY);
        assertThat(pending.holds(INVITATION)).isTrue();
    }

    @Test
    void anAdminInvitesByEmail() {
        fixture.givenNoPriorActivity()
                .when(invite(ADMIN, Role.ADMIN))
                .expectEvents(invited(ADMIN, Role.ADMIN))
                .expectScheduledDeadlineWithName(expiresAt, EXPIRY);
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"MEMBER", "VIEWER"})
    void aMemberOrViewerCannotInvite(Role actorRole) {
        String actor = actorRole == Role.MEMBER ? MEMBER : VIEWER;
        fixture.givenNoPriorActivity()
                .when(invite(actor, Role.MEMBER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        assertThat(pending.isClaimed(ORG, EMAIL)).isFalse();
    }

    @Test
    void someoneWhoIsNotAMemberCannotInvite() {
        fixture.givenNoPriorActivity()
                .when(invite(STRANGER, Role.MEMBER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aMemberOfAnotherOrganizationCannotInvite() {
        roster.member(OTHER_ORG, STRANGER, "stranger@example.com", Role.OWNER);
        fixture.givenNoPriorActivity()
                .when(invite(STRANGER, Role.MEMBER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @Test
    void anAdminWhoWasRemovedCannotInviteAnyMore() {
        roster.record(ORG, ADMIN, Role.ADMIN, MembershipStatus.REMOVED);
        fixture.givenNoPriorActivity()
                .when(invite(ADMIN, Role.MEMBER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @Test
    void anAdminCannotInviteAnOwner() {
        fixture.givenNoPriorActivity()
                .when(invite(ADMIN, Role.OWNER))
                .expectException(domainError("owner-invitation-forbidden"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void evenTheOwnerCannotInviteAnOwner() {
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.OWNER))
                .expectException(domainError("owner-not-invitable"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        assertThat(pending.isClaimed(ORG, EMAIL)).isFalse();
    }

    @Test
    void anActiveMemberIsNotInvitedAgain() {
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, "member@example.com", Role.ADMIN))
                .expectException(domainError("already-member"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        assertThat(pending.isClaimed(ORG, "member@example.com")).isFalse();
    }

    @Test
    void someoneWhoLeftCanBeInvitedAgain() {
        roster.record(ORG, MEMBER, Role.MEMBER, MembershipStatus.LEFT);
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, "member@example.com", Role.MEMBER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new MemberInvitedEvent(INVITATION, ORG, "member@example.com", Role.MEMBER, OWNER,
                        HASH, expiresAt));
    }

    @Test
    void aSecondInvitationToAnEmailWithOnePendingIsRefused() {
        pending.tryClaim(ORG, EMAIL, "an-earlier-invitation");
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectException(domainError("invitation-pending"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void aPendingInvitationInAnotherOrganizationDoesNotBlockTheEmail() {
        pending.tryClaim(OTHER_ORG, EMAIL, "another-tenants-invitation");
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectEvents(invited());
    }

    @Test
    void whenMembersAndPendingInvitationsTakeEverySeatNobodyMoreIsInvited() {
        // Four members and one pending invitation take the five seats.
        seats.limit(ORG, 5);
        pending.tryClaim(ORG, "someone.else@example.com", "an-earlier-invitation");
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectException(domainError("seat-limit-reached"))
                .expectNoEvents()
                .expectNoScheduledDeadlines();
        assertThat(pending.isClaimed(ORG, EMAIL)).isFalse();
    }

    @Test
    void theLastFreeSeatCanBeInvitedInto() {
        seats.limit(ORG, 5);
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectEvents(invited());
    }

    @Test
    void anUnlimitedPlanAlwaysHasRoom() {
        seats.limit(ORG, null);
        for (int i = 0; i < 1000; i++) {
            pending.tryClaim(ORG, "invitee" + i + "@example.com", "invitation-" + i);
        }
        fixture.givenNoPriorActivity()
                .when(invite(OWNER, Role.MEMBER))
                .expectEvents(invited());
    }

    // Resending, revoking, declining

    @Test
    void resendingReplacesTheTokenAndTheExpiryAndMovesTheDeadline() {
        Instant later = expiresAt.plus(Duration.ofDays(3));
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .when(new ResendInvitationCommand(INVITATION, ORG, NEW_HASH, later, ADMIN))
                .expectEvents(new InvitationResentEvent(INVITATION, ORG, NEW_HASH, later))
                .expectScheduledDeadlineWithName(later, EXPIRY)
                .expectNoScheduledDeadlineWithName(expiresAt, EXPIRY);
    }

    @Test
    void aTokenReplacedByAResendNoLongerWorks() {
        fixture.given(invited(), new InvitationResentEvent(INVITATION, ORG, NEW_HASH, expiresAt.plus(TTL)))
                .when(new DeclineInvitationCommand(INVITATION, ORG, HASH))
                .expectException(domainError("invitation-not-found"))
                .expectNoEvents();
    }

    @Test
    void revokingEndsTheInvitationAndItsDeadline() {
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .when(new RevokeInvitationCommand(INVITATION, ORG, ADMIN))
                .expectEvents(new InvitationRevokedEvent(INVITATION, ORG, EMAIL))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aMemberCannotRevokeOrResend() {
        fixture.given(invited())
                .when(new RevokeInvitationCommand(INVITATION, ORG, MEMBER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
        fixture.given(invited())
                .when(new ResendInvitationCommand(INVITATION, ORG, NEW_HASH, expiresAt.plus(TTL), VIEWER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @Test
    void anotherOrganizationsInvitationCannotBeRevokedOrResent() {
        // The other tenant's owner, naming their own organization: the invitation does not exist for them.
        roster.member(OTHER_ORG, STRANGER, "stranger@example.com", Role.OWNER);
        fixture.given(invited())
                .when(new RevokeInvitationCommand(INVITATION, OTHER_ORG, STRANGER))
                .expectException(domainError("invitation-not-found"))
                .expectNoEvents();
        fixture.given(invited())
                .when(new ResendInvitationCommand(INVITATION, OTHER_ORG, NEW_HASH, expiresAt.plus(TTL), STRANGER))
                .expectException(domainError("invitation-not-found"))
                .expectNoEvents();
    }

    @Test
    void theHolderOfTheLinkDeclines() {
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .when(new DeclineInvitationCommand(INVITATION, ORG, HASH))
                .expectEvents(new InvitationDeclinedEvent(INVITATION, ORG, EMAIL))
                .expectNoScheduledDeadlines();
    }

    @Test
    void aWrongTokenCannotDecline() {
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .when(new DeclineInvitationCommand(INVITATION, ORG, NEW_HASH))
                .expectException(domainError("invitation-not-found"))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(expiresAt, EXPIRY);
    }

    // Expiry

    @Test
    void anInvitationExpiresWhenItsTimeHasElapsed() {
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .whenTimeElapses(TTL)
                .expectTriggeredDeadlinesWithName(EXPIRY)
                .expectEvents(new InvitationExpiredEvent(INVITATION, ORG, EMAIL))
                .expectNoScheduledDeadlines();
    }

    @Test
    void anInvitationDoesNotExpireBeforeItsTime() {
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .whenTimeElapses(TTL.minusSeconds(1))
                .expectTriggeredDeadlinesWithName()
                .expectNoEvents()
                .expectScheduledDeadlineWithName(expiresAt, EXPIRY);
    }

    @Test
    void aResentInvitationDoesNotExpireAtItsFormerExpiry() {
        Instant later = expiresAt.plus(Duration.ofDays(3));
        fixture.givenCommands(invite(OWNER, Role.MEMBER),
                        new ResendInvitationCommand(INVITATION, ORG, NEW_HASH, later, OWNER))
                .whenTimeElapses(TTL)
                .expectTriggeredDeadlinesWithName()
                .expectNoEvents()
                .expectScheduledDeadlineWithName(later, EXPIRY);
    }

    @Test
    void aResentInvitationExpiresAtItsNewExpiry() {
        Instant later = expiresAt.plus(Duration.ofDays(3));
        fixture.givenCommands(invite(OWNER, Role.MEMBER),
                        new ResendInvitationCommand(INVITATION, ORG, NEW_HASH, later, OWNER))
                .whenTimeElapses(TTL.plus(Duration.ofDays(3)))
                .expectTriggeredDeadlinesWithName(EXPIRY)
                .expectEvents(new InvitationExpiredEvent(INVITATION, ORG, EMAIL));
    }

    @Test
    void aStaleDeadlineFiringAfterAResendMovedTheExpiryDoesNotExpireIt() {
        // The resend's cancellation raced the old deadline, which fires all the same.
        fixture.givenCommands(invite(OWNER, Role.MEMBER))
                .andGiven(new InvitationResentEvent(INVITATION, ORG, NEW_HASH, expiresAt.plus(TTL)))
                .whenTimeElapses(TTL)
                .expectTriggeredDeadlinesWithName(EXPIRY)
                .expectNoEvents();
    }

    // Only a pending invitation can be answered or managed

    private static AcceptInvitationCommand accept(String hash) {
        return new AcceptInvitationCommand(INVITATION, ORG, hash, "user-invitee", EMAIL, true);
    }

    /** Refused before its expiry matters, so any will do. */
    private static final Instant SOME_EXPIRY = Instant.parse("2100-01-01T00:00:00Z");

    static Stream<Object> everyAnswerAndManagement() {
        return Stream.of(
                accept(HASH),
                new DeclineInvitationCommand(INVITATION, ORG, HASH),
                new RevokeInvitationCommand(INVITATION, ORG, OWNER),
                new ResendInvitationCommand(INVITATION, ORG, NEW_HASH, SOME_EXPIRY, OWNER));
    }

    static Stream<Arguments> endedInvitations() {
        Map<String, Object> endings = Map.of(
                "invitation-accepted", new InvitationAcceptedEvent(INVITATION, ORG, EMAIL, "user-invitee", Role.MEMBER),
                "invitation-declined", new InvitationDeclinedEvent(INVITATION, ORG, EMAIL),
                "invitation-revoked", new InvitationRevokedEvent(INVITATION, ORG, EMAIL),
                "invitation-expired", new InvitationExpiredEvent(INVITATION, ORG, EMAIL));
        return endings.entrySet().stream().flatMap(ending -> everyAnswerAndManagement()
                .map(command -> Arguments.of(ending.getKey(), ending.getValue(), command)));
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("endedInvitations")
    void anInvitationThatIsNoLongerPendingAnswersWithItsStatus(String code, Object ending, Object command) {
        fixture.given(invited(), ending)
                .when(command)
                .expectException(domainError(code))
                .expectNoEvents();
    }

    @ParameterizedTest
    @MethodSource("everyAnswerAndManagement")
    void aPendingInvitationPastItsExpiryIsExpiredBeforeItsDeadlineHasRun(Object command) {
        Instant past = fixture.currentTime().minusSeconds(1);
        fixture.given(new MemberInvitedEvent(INVITATION, ORG, EMAIL, Role.MEMBER, OWNER, HASH, past))
                .when(command)
                .expectException(domainError("invitation-expired"))
                .expectNoEvents();
    }

    @Test
    void anInvitationIsStillPendingAtTheLastInstantBeforeItsExpiry() {
        Instant justAhead = fixture.currentTime().plusMillis(1);
        fixture.given(new MemberInvitedEvent(INVITATION, ORG, EMAIL, Role.MEMBER, OWNER, HASH, justAhead))
                .when(new DeclineInvitationCommand(INVITATION, ORG, HASH))
                .expectEvents(new InvitationDeclinedEvent(INVITATION, ORG, EMAIL));
    }

    // Accepting, as far as the invitation is concerned (joining: InvitationAcceptanceTest)

    @Test
    void aWrongTokenCannotAccept() {
        fixture.given(invited())
                .when(accept(NEW_HASH))
                .expectException(domainError("invitation-not-found"))
                .expectNoEvents();
    }

    @Test
    void onlyTheInvitedEmailCanAccept() {
        fixture.given(invited())
                .when(new AcceptInvitationCommand(INVITATION, ORG, HASH, "user-invitee", "someone.else@example.com", true))
                .expectException(domainError("invitation-email-mismatch"))
                .expectNoEvents();
    }
}
