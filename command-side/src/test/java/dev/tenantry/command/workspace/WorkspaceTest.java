package dev.tenantry.command.workspace;

import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.workspace.AddWorkspaceMemberCommand;
import dev.tenantry.api.workspace.ArchiveWorkspaceCommand;
import dev.tenantry.api.workspace.ArchiveWorkspaceOfClosedOrganizationCommand;
import dev.tenantry.api.workspace.ChangeWorkspaceMemberRoleCommand;
import dev.tenantry.api.workspace.CreateWorkspaceCommand;
import dev.tenantry.api.workspace.RemoveDepartedWorkspaceMemberCommand;
import dev.tenantry.api.workspace.RemoveWorkspaceMemberCommand;
import dev.tenantry.api.workspace.RestoreWorkspaceCommand;
import dev.tenantry.api.workspace.UpdateWorkspaceCommand;
import dev.tenantry.api.workspace.WorkspaceArchivedEvent;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceDescriptionChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRemovedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRoleChangedEvent;
import dev.tenantry.api.workspace.WorkspaceRenamedEvent;
import dev.tenantry.api.workspace.WorkspaceRestoredEvent;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.api.workspace.WorkspaceVisibilityChangedEvent;
import dev.tenantry.command.testsupport.FixedPlans;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import dev.tenantry.command.testsupport.InMemoryWorkspaces;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;
import static org.assertj.core.api.Assertions.assertThat;

class WorkspaceTest {

    private static final String ORG = "org-1";
    private static final String WS = "ws-1";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final String MEMBER = "user-member";
    private static final String OTHER_MEMBER = "user-other-member";
    private static final String VIEWER = "user-viewer";
    private static final String AUDITOR = "user-auditor";
    private static final String OUTSIDER = "user-outsider";

    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER)
            .member(ORG, ADMIN, "admin@example.com", Role.ADMIN)
            .member(ORG, MEMBER, "member@example.com", Role.MEMBER)
            .member(ORG, OTHER_MEMBER, "other@example.com", Role.MEMBER)
            .member(ORG, VIEWER, "viewer@example.com", Role.VIEWER)
            .member(ORG, AUDITOR, "auditor@example.com", Role.AUDITOR);
    private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces().limit(ORG, 3)
            .active(ORG, "general", "ws-default");
    private AggregateTestFixture<Workspace> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Workspace.class);
        fixture.registerInjectableResource(roster);
        fixture.registerInjectableResource(workspaces);
        fixture.registerInjectableResource(new FixedPlans());
    }

    private static WorkspaceCreatedEvent created(WorkspaceVisibility visibility) {
        return new WorkspaceCreatedEvent(WS, ORG, "Roadmap", null, visibility, MEMBER);
    }

    private static WorkspaceMemberAddedEvent joined(String userId, WorkspaceRole role) {
        return new WorkspaceMemberAddedEvent(WS, ORG, userId, role);
    }

    /** A workspace MEMBER created (and is ADMIN of), holding its name. */
    private Object[] existing(WorkspaceVisibility visibility) {
        workspaces.active(ORG, "roadmap", WS);
        return new Object[]{created(visibility), joined(MEMBER, WorkspaceRole.ADMIN)};
    }

    private Object[] archived() {
        workspaces.releaseName(WS);
        return new Object[]{created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                new WorkspaceArchivedEvent(WS, ORG, "Roadmap", false)};
    }

    // --- creating ----------------------------------------------------------------------------------------------

    @Test
    void aMemberCreatesAWorkspaceAndBecomesItsAdmin() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "  Roadmap ", "  ", null, MEMBER))
                .expectEvents(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN));
        assertThat(workspaces.holderOf(ORG, "roadmap")).isEqualTo(WS);
    }

    @Test
    void anOrganizationViewerOrAuditorCannotCreateWorkspaces() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", null, null, VIEWER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", null, null, AUDITOR))
                .expectException(domainError("insufficient-role"));
        assertThat(workspaces.holderOf(ORG, "roadmap")).isNull();
    }

    @Test
    void someoneOutsideTheOrganizationFindsNothingToCreateIn() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", null, null, OUTSIDER))
                .expectException(domainError("workspace-not-found"))
                .expectNoEvents();
    }

    @Test
    void aBlankNameOrAnOverlongDescriptionIsInvalid() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "   ", null, null, MEMBER))
                .expectException(domainError("invalid-name"));
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "x".repeat(101), null, null, MEMBER))
                .expectException(domainError("invalid-name"));
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", "d".repeat(1001), null, MEMBER))
                .expectException(domainError("invalid-description"));
    }

    @Test
    void namesAreUniqueAmongActiveWorkspacesTrimmedAndCaseInsensitive() {
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "  GENERAL ", null, null, MEMBER))
                .expectException(domainError("workspace-name-taken"))
                .expectNoEvents();
    }

    @Test
    void thePlansLimitCountsActiveWorkspacesTheDefaultOneIncluded() {
        workspaces.active(ORG, "second", "ws-2").active(ORG, "third", "ws-3");
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", null, null, OWNER))
                .expectException(domainError("workspace-limit-reached"))
                .expectNoEvents();
        assertThat(workspaces.holderOf(ORG, "roadmap")).isNull();
    }

    @Test
    void anUnlimitedPlanCreatesPastAnyCount() {
        workspaces.limit(ORG, null).active(ORG, "second", "ws-2").active(ORG, "third", "ws-3");
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", null, WorkspaceVisibility.PRIVATE, OWNER))
                .expectEvents(new WorkspaceCreatedEvent(WS, ORG, "Roadmap", null, WorkspaceVisibility.PRIVATE, OWNER),
                        joined(OWNER, WorkspaceRole.ADMIN));
    }

    @Test
    void anOrganizationFromBeforeWorkspacesGetsTheDefaultPlansLimit() {
        String olderOrg = "org-older";
        roster.member(olderOrg, OWNER, "owner@example.com", Role.OWNER);
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, olderOrg, "Roadmap", null, null, OWNER))
                .expectSuccessfulHandlerExecution();
        assertThat(workspaces.limits).containsEntry(olderOrg, 3);
    }

    @Test
    void aClosedOrganizationCreatesNothing() {
        roster.closeOrganization(ORG);
        fixture.givenNoPriorActivity()
                .when(new CreateWorkspaceCommand(WS, ORG, "Roadmap", null, null, OWNER))
                .expectException(domainError("organization-closed"));
    }

    // --- settings ----------------------------------------------------------------------------------------------

    @Test
    void itsAdminRenamesDescribesAndHidesItInOneUpdate() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new UpdateWorkspaceCommand(WS, ORG, "Plans", "What comes next", WorkspaceVisibility.PRIVATE,
                        MEMBER))
                .expectEvents(new WorkspaceRenamedEvent(WS, ORG, "Plans", "Roadmap"),
                        new WorkspaceDescriptionChangedEvent(WS, ORG, "What comes next"),
                        new WorkspaceVisibilityChangedEvent(WS, ORG, WorkspaceVisibility.PRIVATE,
                                WorkspaceVisibility.ORGANIZATION));
        assertThat(workspaces.holderOf(ORG, "plans")).isEqualTo(WS);
        assertThat(workspaces.holderOf(ORG, "roadmap")).as("the old name is free again").isNull();
    }

    @Test
    void anUpdateThatChangesNothingRecordsNothingAndARecasedNameKeepsItsClaim() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new UpdateWorkspaceCommand(WS, ORG, " Roadmap ", null, WorkspaceVisibility.ORGANIZATION, ADMIN))
                .expectNoEvents();
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new UpdateWorkspaceCommand(WS, ORG, "ROADMAP", null, null, ADMIN))
                .expectEvents(new WorkspaceRenamedEvent(WS, ORG, "ROADMAP", "Roadmap"));
        assertThat(workspaces.holderOf(ORG, "roadmap")).isEqualTo(WS);
    }

    @Test
    void anEmptyDescriptionRemovesIt() {
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        new WorkspaceDescriptionChangedEvent(WS, ORG, "Old"))
                .when(new UpdateWorkspaceCommand(WS, ORG, null, "", null, OWNER))
                .expectEvents(new WorkspaceDescriptionChangedEvent(WS, ORG, null));
    }

    @Test
    void renamingToAnotherActiveWorkspacesNameIsRefused() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new UpdateWorkspaceCommand(WS, ORG, "general", null, null, MEMBER))
                .expectException(domainError("workspace-name-taken"))
                .expectNoEvents();
        assertThat(workspaces.holderOf(ORG, "roadmap")).isEqualTo(WS);
    }

    // --- who may ----------------------------------------------------------------------------------------------

    @Test
    void theOrganizationsOwnerAndAdminsManageEveryWorkspaceEvenPrivateOnesTheyAreNotIn() {
        fixture.given(existing(WorkspaceVisibility.PRIVATE))
                .when(new AddWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.EDITOR, ADMIN))
                .expectEvents(joined(OTHER_MEMBER, WorkspaceRole.EDITOR));
        fixture.given(existing(WorkspaceVisibility.PRIVATE))
                .when(new UpdateWorkspaceCommand(WS, ORG, "Plans", null, null, OWNER))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aPrivateWorkspaceDoesNotExistForAMemberOutsideIt() {
        fixture.given(existing(WorkspaceVisibility.PRIVATE))
                .when(new UpdateWorkspaceCommand(WS, ORG, "Plans", null, null, OTHER_MEMBER))
                .expectException(domainError("workspace-not-found"));
        fixture.given(existing(WorkspaceVisibility.PRIVATE))
                .when(new ArchiveWorkspaceCommand(WS, ORG, VIEWER))
                .expectException(domainError("workspace-not-found"));
    }

    @Test
    void aMemberWhoSeesButIsNotItsAdminMayNotChangeIt() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new UpdateWorkspaceCommand(WS, ORG, "Plans", null, null, OTHER_MEMBER))
                .expectException(domainError("insufficient-role"));
        fixture.given(created(WorkspaceVisibility.PRIVATE), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(OTHER_MEMBER, WorkspaceRole.EDITOR))
                .when(new AddWorkspaceMemberCommand(WS, ORG, VIEWER, WorkspaceRole.VIEWER, OTHER_MEMBER))
                .expectException(domainError("insufficient-role"));
    }

    @Test
    void anOrganizationViewerOrAuditorChangesNothingEvenAsTheWorkspacesAdmin() {
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(VIEWER, WorkspaceRole.ADMIN), joined(AUDITOR, WorkspaceRole.ADMIN))
                .when(new UpdateWorkspaceCommand(WS, ORG, "Plans", null, null, VIEWER))
                .expectException(domainError("insufficient-role"));
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(AUDITOR, WorkspaceRole.ADMIN))
                .when(new ArchiveWorkspaceCommand(WS, ORG, AUDITOR))
                .expectException(domainError("insufficient-role"));
    }

    @Test
    void aCommandNamingAnotherOrganizationFindsNothing() {
        roster.member("org-2", OWNER, "owner@example.com", Role.OWNER);
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new ArchiveWorkspaceCommand(WS, "org-2", OWNER))
                .expectException(domainError("workspace-not-found"));
    }

    @Test
    void aWorkspaceWhoseLastAdminLeftIsStillManagedByTheOrganizationsAdmins() {
        fixture.given(created(WorkspaceVisibility.PRIVATE), joined(MEMBER, WorkspaceRole.ADMIN),
                        new WorkspaceMemberRemovedEvent(WS, ORG, MEMBER, WorkspaceRole.ADMIN, false))
                .when(new AddWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.ADMIN, ADMIN))
                .expectEvents(joined(OTHER_MEMBER, WorkspaceRole.ADMIN));
    }

    // --- members ----------------------------------------------------------------------------------------------

    @Test
    void onlyMembersOfTheOrganizationCanBeAdded() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new AddWorkspaceMemberCommand(WS, ORG, OUTSIDER, WorkspaceRole.VIEWER, MEMBER))
                .expectException(domainError("member-not-found"));
        roster.record(ORG, OTHER_MEMBER, Role.MEMBER, MembershipStatus.LEFT);
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new AddWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.VIEWER, MEMBER))
                .expectException(domainError("member-not-found"));
    }

    @Test
    void aMemberIsAddedOnce() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new AddWorkspaceMemberCommand(WS, ORG, MEMBER, WorkspaceRole.VIEWER, OWNER))
                .expectException(domainError("already-workspace-member"));
    }

    @Test
    void itsAdminChangesRolesAndRemovesMembers() {
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(OTHER_MEMBER, WorkspaceRole.VIEWER))
                .when(new ChangeWorkspaceMemberRoleCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.EDITOR, MEMBER))
                .expectEvents(new WorkspaceMemberRoleChangedEvent(WS, ORG, OTHER_MEMBER, WorkspaceRole.EDITOR,
                        WorkspaceRole.VIEWER));
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(OTHER_MEMBER, WorkspaceRole.VIEWER))
                .when(new ChangeWorkspaceMemberRoleCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.VIEWER, MEMBER))
                .expectNoEvents();
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(OTHER_MEMBER, WorkspaceRole.VIEWER))
                .when(new RemoveWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER, MEMBER))
                .expectEvents(new WorkspaceMemberRemovedEvent(WS, ORG, OTHER_MEMBER, WorkspaceRole.VIEWER, false));
    }

    @Test
    void someoneWhoIsNotInTheWorkspaceCannotBeChangedOrRemoved() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new ChangeWorkspaceMemberRoleCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.EDITOR, MEMBER))
                .expectException(domainError("workspace-member-not-found"));
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new RemoveWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER, MEMBER))
                .expectException(domainError("workspace-member-not-found"));
    }

    // --- archive and restore ---------------------------------------------------------------------------------

    @Test
    void archivingFreesTheNameAndTheCountAndMakesItReadOnly() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new ArchiveWorkspaceCommand(WS, ORG, MEMBER))
                .expectEvents(new WorkspaceArchivedEvent(WS, ORG, "Roadmap", false));
        assertThat(workspaces.holderOf(ORG, "roadmap")).isNull();
        assertThat(workspaces.lock(ORG).active()).isEqualTo(1);
    }

    @Test
    void anArchivedWorkspaceRefusesEveryChangeButRestore() {
        fixture.given(archived()).when(new UpdateWorkspaceCommand(WS, ORG, "Plans", null, null, OWNER))
                .expectException(domainError("workspace-archived"));
        fixture.given(archived()).when(new AddWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER, WorkspaceRole.VIEWER,
                        OWNER))
                .expectException(domainError("workspace-archived"));
        fixture.given(archived()).when(new ChangeWorkspaceMemberRoleCommand(WS, ORG, MEMBER, WorkspaceRole.VIEWER,
                        OWNER))
                .expectException(domainError("workspace-archived"));
        fixture.given(archived()).when(new RemoveWorkspaceMemberCommand(WS, ORG, MEMBER, OWNER))
                .expectException(domainError("workspace-archived"));
        fixture.given(archived()).when(new ArchiveWorkspaceCommand(WS, ORG, OWNER))
                .expectException(domainError("workspace-archived"));
    }

    @Test
    void restoringClaimsItsNameAgainWithinTheLimit() {
        fixture.given(archived())
                .when(new RestoreWorkspaceCommand(WS, ORG, MEMBER))
                .expectEvents(new WorkspaceRestoredEvent(WS, ORG, "Roadmap"));
        assertThat(workspaces.holderOf(ORG, "roadmap")).isEqualTo(WS);
    }

    @Test
    void restoringIsRefusedAtTheLimitOrWhenItsNameWasTakenMeanwhile() {
        Object[] history = archived();
        workspaces.active(ORG, "second", "ws-2").active(ORG, "third", "ws-3");
        fixture.given(history).when(new RestoreWorkspaceCommand(WS, ORG, OWNER))
                .expectException(domainError("workspace-limit-reached"));

        workspaces.releaseName("ws-2");
        workspaces.releaseName("ws-3");
        workspaces.active(ORG, "roadmap", "ws-other");
        fixture.given(history).when(new RestoreWorkspaceCommand(WS, ORG, OWNER))
                .expectException(domainError("workspace-name-taken"));
    }

    @Test
    void restoringAnActiveWorkspaceIsAConflict() {
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new RestoreWorkspaceCommand(WS, ORG, OWNER))
                .expectException(domainError("workspace-not-archived"));
    }

    // --- policies ---------------------------------------------------------------------------------------------

    @Test
    void someoneWhoLeftTheOrganizationLeavesTheWorkspaceArchivedOrNot() {
        roster.record(ORG, OTHER_MEMBER, Role.MEMBER, MembershipStatus.LEFT);
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(OTHER_MEMBER, WorkspaceRole.EDITOR), new WorkspaceArchivedEvent(WS, ORG, "Roadmap", false))
                .when(new RemoveDepartedWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER))
                .expectEvents(new WorkspaceMemberRemovedEvent(WS, ORG, OTHER_MEMBER, WorkspaceRole.EDITOR, true));
    }

    @Test
    void someoneStillInTheOrganizationIsNotRemovedAsDeparted() {
        fixture.given(created(WorkspaceVisibility.ORGANIZATION), joined(MEMBER, WorkspaceRole.ADMIN),
                        joined(OTHER_MEMBER, WorkspaceRole.EDITOR))
                .when(new RemoveDepartedWorkspaceMemberCommand(WS, ORG, OTHER_MEMBER))
                .expectNoEvents();
    }

    @Test
    void closingTheOrganizationArchivesTheWorkspaceOnce() {
        roster.closeOrganization(ORG);
        fixture.given(existing(WorkspaceVisibility.ORGANIZATION))
                .when(new ArchiveWorkspaceOfClosedOrganizationCommand(WS, ORG))
                .expectEvents(new WorkspaceArchivedEvent(WS, ORG, "Roadmap", true));
        assertThat(workspaces.holderOf(ORG, "roadmap")).isNull();
        fixture.given(archived())
                .when(new ArchiveWorkspaceOfClosedOrganizationCommand(WS, ORG))
                .expectNoEvents();
    }

    @Test
    void aClosedOrganizationsWorkspacesCannotBeRestored() {
        Object[] history = archived();
        roster.closeOrganization(ORG);
        fixture.given(history).when(new RestoreWorkspaceCommand(WS, ORG, OWNER))
                .expectException(domainError("organization-closed"));
    }
}
