package dev.tenantry.command.organization;

import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OwnershipTransferredEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.organization.TransferOwnershipCommand;
import dev.tenantry.command.membership.Membership;
import dev.tenantry.command.testsupport.InMemoryAxon;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import dev.tenantry.command.testsupport.InMemoryPendingInvitations;
import dev.tenantry.command.testsupport.InMemorySeats;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Ownership moves between two memberships and is recorded on the organization, all in one unit of work. */
class OwnershipTransferTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-000000000001";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final String MEMBER = "user-member";
    private static final String STRANGER = "user-stranger";

    private final InMemoryMemberRoster roster = new InMemoryMemberRoster();
    private final InMemoryPendingInvitations pending = new InMemoryPendingInvitations();
    private final InMemoryAxon axon = new InMemoryAxon(roster, pending, new InMemorySeats(roster, pending));

    private static String membershipOf(String userId) {
        return MembershipIds.of(ORG, userId);
    }

    private static MemberAddedEvent joined(String userId, Role role) {
        return new MemberAddedEvent(membershipOf(userId), ORG, userId, role);
    }

    @BeforeEach
    void anOrganizationWithAnOwnerAnAdminAndAMember() {
        axon.given(Organization.class, ORG,
                        new OrganizationCreatedEvent(ORG, "Acme", "acme", OrganizationSettings.DEFAULTS, OWNER),
                        new SeatLimitChangedEvent(ORG, 5))
                .given(Membership.class, membershipOf(OWNER), joined(OWNER, Role.OWNER))
                .given(Membership.class, membershipOf(ADMIN), joined(ADMIN, Role.ADMIN))
                .given(Membership.class, membershipOf(MEMBER), joined(MEMBER, Role.MEMBER));
    }

    @AfterEach
    void shutDown() {
        axon.close();
    }

    @Test
    void theOwnerHandsOwnershipToAnAdminAndStaysAsAdmin() {
        axon.when(new TransferOwnershipCommand(ORG, ADMIN, OWNER))
                .expectEvents(new OwnershipTransferredEvent(ORG, OWNER, ADMIN),
                        new MemberRoleChangedEvent(membershipOf(ADMIN), ORG, ADMIN, Role.OWNER, Role.ADMIN),
                        new MemberRoleChangedEvent(membershipOf(OWNER), ORG, OWNER, Role.ADMIN, Role.OWNER));
    }

    @Test
    void theOwnerHandsOwnershipToAMember() {
        axon.when(new TransferOwnershipCommand(ORG, MEMBER, OWNER))
                .expectEvents(new OwnershipTransferredEvent(ORG, OWNER, MEMBER),
                        new MemberRoleChangedEvent(membershipOf(MEMBER), ORG, MEMBER, Role.OWNER, Role.MEMBER),
                        new MemberRoleChangedEvent(membershipOf(OWNER), ORG, OWNER, Role.ADMIN, Role.OWNER));
    }

    @Test
    void afterATransferOnlyTheNewOwnerCanTransfer() {
        axon.givenCommands(new TransferOwnershipCommand(ORG, ADMIN, OWNER))
                .when(new TransferOwnershipCommand(ORG, MEMBER, OWNER))
                .expectDomainError("owner-required")
                .expectNoEvents();
        axon.when(new TransferOwnershipCommand(ORG, OWNER, ADMIN))
                .expectEvents(new OwnershipTransferredEvent(ORG, ADMIN, OWNER),
                        new MemberRoleChangedEvent(membershipOf(OWNER), ORG, OWNER, Role.OWNER, Role.ADMIN),
                        new MemberRoleChangedEvent(membershipOf(ADMIN), ORG, ADMIN, Role.ADMIN, Role.OWNER));
    }

    @Test
    void onlyTheOwnerCanTransfer() {
        axon.when(new TransferOwnershipCommand(ORG, MEMBER, ADMIN))
                .expectDomainError("owner-required")
                .expectNoEvents();
    }

    @Test
    void theOwnerCannotTransferToThemself() {
        axon.when(new TransferOwnershipCommand(ORG, OWNER, OWNER))
                .expectDomainError("already-owner")
                .expectNoEvents();
    }

    @Test
    void ownershipCannotGoToSomeoneWhoNeverJoined() {
        axon.when(new TransferOwnershipCommand(ORG, STRANGER, OWNER))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
        assertNothingChanged();
    }

    @Test
    void ownershipCannotGoToARemovedMember() {
        axon.given(Membership.class, membershipOf(ADMIN), new MemberRemovedEvent(membershipOf(ADMIN), ORG, ADMIN,
                        Role.ADMIN))
                .when(new TransferOwnershipCommand(ORG, ADMIN, OWNER))
                .expectDomainError("not-a-member")
                .expectNoEvents();
        assertNothingChanged();
    }

    @Test
    void ownershipCannotGoToAMemberWhoLeft() {
        axon.given(Membership.class, membershipOf(MEMBER), new MemberLeftEvent(membershipOf(MEMBER), ORG, MEMBER,
                        Role.MEMBER))
                .when(new TransferOwnershipCommand(ORG, MEMBER, OWNER))
                .expectDomainError("not-a-member")
                .expectNoEvents();
        assertNothingChanged();
    }

    @Test
    void aClosedOrganizationsOwnershipIsNotTransferred() {
        axon.given(Organization.class, ORG, new OrganizationClosedEvent(ORG))
                .when(new TransferOwnershipCommand(ORG, ADMIN, OWNER))
                .expectDomainError("organization-closed")
                .expectNoEvents();
    }

    /** The organization's record of the transfer was rolled back with the refused promotion. */
    private void assertNothingChanged() {
        assertThat(axon.history(ORG)).noneMatch(OwnershipTransferredEvent.class::isInstance);
        assertThat(axon.history(membershipOf(OWNER))).containsExactly(joined(OWNER, Role.OWNER));
    }
}
