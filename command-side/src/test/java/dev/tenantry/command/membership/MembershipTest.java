package dev.tenantry.command.membership;

import dev.tenantry.api.membership.ChangeMemberRoleCommand;
import dev.tenantry.api.membership.LeaveOrganizationCommand;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.RemoveMemberCommand;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;

class MembershipTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-000000000001";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final String MEMBER = "user-member";
    private static final String VIEWER = "user-viewer";
    private static final String STRANGER = "user-stranger";
    /** The member whose membership the commands are about. */
    private static final String TARGET = "user-target";
    private static final String TARGETS = MembershipIds.of(ORG, TARGET);
    private static final String OWNERS = MembershipIds.of(ORG, OWNER);

    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER)
            .member(ORG, ADMIN, "admin@example.com", Role.ADMIN)
            .member(ORG, MEMBER, "member@example.com", Role.MEMBER)
            .member(ORG, VIEWER, "viewer@example.com", Role.VIEWER)
            .member(ORG, TARGET, "target@example.com", Role.MEMBER);
    private AggregateTestFixture<Membership> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Membership.class);
        fixture.registerInjectableResource(roster);
    }

    private static MemberAddedEvent targetJoined(Role role) {
        return new MemberAddedEvent(TARGETS, ORG, TARGET, role);
    }

    private static MemberAddedEvent ownerFounded() {
        return new MemberAddedEvent(OWNERS, ORG, OWNER, Role.OWNER);
    }

    // Changing roles

    @ParameterizedTest
    @ValueSource(strings = {OWNER, ADMIN})
    void anOwnerOrAdminChangesAMembersRole(String actor) {
        fixture.given(targetJoined(Role.MEMBER))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.ADMIN, actor))
                .expectEvents(new MemberRoleChangedEvent(TARGETS, ORG, TARGET, Role.ADMIN, Role.MEMBER));
    }

    @Test
    void theEventNamesThePreviousRole() {
        fixture.given(targetJoined(Role.MEMBER),
                        new MemberRoleChangedEvent(TARGETS, ORG, TARGET, Role.ADMIN, Role.MEMBER))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.VIEWER, OWNER))
                .expectEvents(new MemberRoleChangedEvent(TARGETS, ORG, TARGET, Role.VIEWER, Role.ADMIN));
    }

    @Test
    void changingToTheSameRoleChangesNothing() {
        fixture.given(targetJoined(Role.VIEWER))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.VIEWER, ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMBER, VIEWER, STRANGER})
    void aMemberViewerOrOutsiderCannotChangeRoles(String actor) {
        fixture.given(targetJoined(Role.MEMBER))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.ADMIN, actor))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {OWNER, ADMIN})
    void nobodyIsPromotedToOwnerByARoleChange(String actor) {
        fixture.given(targetJoined(Role.ADMIN))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.OWNER, actor))
                .expectException(domainError("ownership-transfer-required"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {OWNER, ADMIN})
    void theOwnersRoleIsNotChangedByARoleChange(String actor) {
        fixture.given(ownerFounded())
                .when(new ChangeMemberRoleCommand(OWNERS, ORG, OWNER, Role.ADMIN, actor))
                .expectException(domainError("ownership-transfer-required"))
                .expectNoEvents();
    }

    // Removing

    @ParameterizedTest
    @ValueSource(strings = {OWNER, ADMIN})
    void anOwnerOrAdminRemovesAMember(String actor) {
        fixture.given(targetJoined(Role.MEMBER))
                .when(new RemoveMemberCommand(TARGETS, ORG, TARGET, actor))
                .expectEvents(new MemberRemovedEvent(TARGETS, ORG, TARGET, Role.MEMBER));
    }

    @ParameterizedTest
    @ValueSource(strings = {MEMBER, VIEWER, STRANGER})
    void aMemberViewerOrOutsiderCannotRemove(String actor) {
        fixture.given(targetJoined(Role.VIEWER))
                .when(new RemoveMemberCommand(TARGETS, ORG, TARGET, actor))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {OWNER, ADMIN})
    void theOwnerCannotBeRemoved(String actor) {
        fixture.given(ownerFounded())
                .when(new RemoveMemberCommand(OWNERS, ORG, OWNER, actor))
                .expectException(domainError("owner-cannot-be-removed"))
                .expectNoEvents();
    }

    // A closed organization

    @Test
    void aClosedOrganizationsRolesAreFrozen() {
        roster.closeOrganization(ORG);
        fixture.given(targetJoined(Role.MEMBER))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.ADMIN, OWNER))
                .expectException(domainError("organization-closed"))
                .expectNoEvents();
    }

    @Test
    void nobodyIsRemovedFromAClosedOrganization() {
        roster.closeOrganization(ORG);
        fixture.given(targetJoined(Role.MEMBER))
                .when(new RemoveMemberCommand(TARGETS, ORG, TARGET, OWNER))
                .expectException(domainError("organization-closed"))
                .expectNoEvents();
    }

    @Test
    void aMemberMayStillLeaveAClosedOrganization() {
        roster.closeOrganization(ORG);
        fixture.given(targetJoined(Role.MEMBER))
                .when(new LeaveOrganizationCommand(TARGETS, ORG, TARGET))
                .expectEvents(new MemberLeftEvent(TARGETS, ORG, TARGET, Role.MEMBER));
    }

    // Leaving

    @Test
    void aMemberLeaves() {
        fixture.given(targetJoined(Role.ADMIN))
                .when(new LeaveOrganizationCommand(TARGETS, ORG, TARGET))
                .expectEvents(new MemberLeftEvent(TARGETS, ORG, TARGET, Role.ADMIN));
    }

    @Test
    void theOwnerCannotLeave() {
        fixture.given(ownerFounded())
                .when(new LeaveOrganizationCommand(OWNERS, ORG, OWNER))
                .expectException(domainError("owner-cannot-leave"))
                .expectNoEvents();
    }

    @Test
    void aFormerOwnerWhoSteppedDownCanLeave() {
        fixture.given(ownerFounded(), new MemberRoleChangedEvent(OWNERS, ORG, OWNER, Role.ADMIN, Role.OWNER))
                .when(new LeaveOrganizationCommand(OWNERS, ORG, OWNER))
                .expectEvents(new MemberLeftEvent(OWNERS, ORG, OWNER, Role.ADMIN));
    }

    // A membership that ended

    static Stream<Arguments> endedMemberships() {
        Object[] endings = {new MemberRemovedEvent(TARGETS, ORG, TARGET, Role.MEMBER),
                new MemberLeftEvent(TARGETS, ORG, TARGET, Role.MEMBER)};
        Object[] commands = {new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.ADMIN, OWNER),
                new RemoveMemberCommand(TARGETS, ORG, TARGET, OWNER),
                new LeaveOrganizationCommand(TARGETS, ORG, TARGET)};
        return Stream.of(endings).flatMap(ending -> Stream.of(commands).map(command -> Arguments.of(ending, command)));
    }

    @ParameterizedTest
    @MethodSource("endedMemberships")
    void aRemovedOrDepartedMemberIsNotFound(Object ending, Object command) {
        fixture.given(targetJoined(Role.MEMBER), ending)
                .when(command)
                .expectException(domainError("member-not-found"))
                .expectNoEvents();
    }

    @Test
    void someoneWhoRejoinedIsAMemberAgain() {
        fixture.given(targetJoined(Role.ADMIN), new MemberLeftEvent(TARGETS, ORG, TARGET, Role.ADMIN),
                        targetJoined(Role.VIEWER))
                .when(new ChangeMemberRoleCommand(TARGETS, ORG, TARGET, Role.MEMBER, OWNER))
                .expectEvents(new MemberRoleChangedEvent(TARGETS, ORG, TARGET, Role.MEMBER, Role.VIEWER));
    }
}
