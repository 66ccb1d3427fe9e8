package dev.tenantry.command.organization;

import dev.tenantry.api.organization.CreateOrganizationCommand;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OwnershipTransferredEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.CreateDefaultWorkspaceCommand;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceIds;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.command.testsupport.FixedPlans;
import dev.tenantry.command.testsupport.InMemoryWorkspaces;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The upgrade backfill gives an organization from before workspaces the default workspace a new one gets. */
class DefaultWorkspaceBackfillTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-000000000002";
    private static final String FOUNDER = "user-founder";
    private static final String NEW_OWNER = "user-new-owner";
    private static final String DEFAULT_WORKSPACE = WorkspaceIds.defaultOf(ORG);

    private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces();
    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(new OrganizationTest.InMemorySlugs());
        fixture.registerInjectableResource(new OrganizationTest.FixedSeats());
        fixture.registerInjectableResource(new FixedPlans());
        fixture.registerInjectableResource(workspaces);
    }

    /** How an organization was stored before workspaces: no workspace limit, no default workspace. */
    private static Object[] createdBeforeWorkspaces() {
        return new Object[]{new OrganizationCreatedEvent(ORG, "Acme", "acme", OrganizationSettings.DEFAULTS, FOUNDER),
                new SeatLimitChangedEvent(ORG, 5)};
    }

    private static WorkspaceCreatedEvent generalCreatedBy(String admin) {
        return new WorkspaceCreatedEvent(DEFAULT_WORKSPACE, ORG, "General", null, WorkspaceVisibility.ORGANIZATION,
                admin);
    }

    @Test
    void itGetsTheDefaultWorkspaceWithItsOwnerAsAdmin() {
        fixture.given(createdBeforeWorkspaces())
                .when(new CreateDefaultWorkspaceCommand(ORG))
                .expectSuccessfulHandlerExecution()
                .expectEvents(generalCreatedBy(FOUNDER),
                        new WorkspaceMemberAddedEvent(DEFAULT_WORKSPACE, ORG, FOUNDER, WorkspaceRole.ADMIN));
        assertThat(workspaces.holderOf(ORG, "general")).isEqualTo(DEFAULT_WORKSPACE);
    }

    @Test
    void theAdminIsTheCurrentOwnerNotTheFounder() {
        fixture.given(createdBeforeWorkspaces())
                .andGiven(new OwnershipTransferredEvent(ORG, FOUNDER, NEW_OWNER))
                .when(new CreateDefaultWorkspaceCommand(ORG))
                .expectEvents(generalCreatedBy(NEW_OWNER),
                        new WorkspaceMemberAddedEvent(DEFAULT_WORKSPACE, ORG, NEW_OWNER, WorkspaceRole.ADMIN));
    }

    @Test
    void aClosedOrganizationGetsNone() {
        fixture.given(createdBeforeWorkspaces())
                .andGiven(new OrganizationClosedEvent(ORG))
                .when(new CreateDefaultWorkspaceCommand(ORG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(workspaces.names).isEmpty();
    }

    @Test
    void aLimitTheSubscriptionRecordedStays() {
        workspaces.limit(ORG, 25);
        fixture.given(createdBeforeWorkspaces())
                .when(new CreateDefaultWorkspaceCommand(ORG))
                .expectSuccessfulHandlerExecution();
        assertThat(workspaces.limits).containsEntry(ORG, 25);
    }

    @Test
    void withoutARecordedLimitTheDefaultPlansApplies() {
        fixture.given(createdBeforeWorkspaces())
                .andGiven(new OrganizationClosedEvent(ORG))
                .when(new CreateDefaultWorkspaceCommand(ORG))
                .expectSuccessfulHandlerExecution();
        assertThat(workspaces.limits).containsEntry(ORG, 3);
    }

    @Test
    void anotherActiveWorkspaceNamedGeneralIsTheOrganizationsGeneral() {
        workspaces.active(ORG, "general", "workspace-made-since-the-upgrade");
        fixture.given(createdBeforeWorkspaces())
                .when(new CreateDefaultWorkspaceCommand(ORG))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        assertThat(workspaces.holderOf(ORG, "general")).isEqualTo("workspace-made-since-the-upgrade");
    }

    @Test
    void anOrganizationCreatedWithWorkspacesIsMarkedSetUp() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", null, null, FOUNDER))
                .expectSuccessfulHandlerExecution();
        assertThat(workspaces.setUp).containsExactly(ORG);
        assertThat(workspaces.organizationsNotSetUp(null, 10)).isEmpty();
    }
}
