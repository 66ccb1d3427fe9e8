package dev.tenantry.command.organization;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.CloseOrganizationCommand;
import dev.tenantry.api.organization.CreateOrganizationCommand;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationRenamedEvent;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OrganizationSettingsUpdatedEvent;
import dev.tenantry.api.organization.RenameOrganizationCommand;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.organization.UpdateOrganizationSettingsCommand;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceIds;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.command.testsupport.FixedPlans;
import dev.tenantry.command.testsupport.InMemoryMemberRoster;
import dev.tenantry.command.testsupport.InMemoryWorkspaces;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static dev.tenantry.command.testsupport.DomainErrors.domainError;
import static org.assertj.core.api.Assertions.assertThat;

class OrganizationTest {

    private static final String ORG = "5f0c7a1e-0000-4000-8000-000000000001";
    private static final String OWNER = "user-owner";
    private static final String ADMIN = "user-admin";
    private static final String MEMBER = "user-member";
    private static final String VIEWER = "user-viewer";

    private final InMemorySlugs slugs = new InMemorySlugs();
    private final FixedSeats seats = new FixedSeats();
    private final InMemoryWorkspaces workspaces = new InMemoryWorkspaces();
    private final InMemoryMemberRoster roster = new InMemoryMemberRoster()
            .member(ORG, OWNER, "owner@example.com", Role.OWNER)
            .member(ORG, ADMIN, "admin@example.com", Role.ADMIN)
            .member(ORG, MEMBER, "member@example.com", Role.MEMBER)
            .member(ORG, VIEWER, "viewer@example.com", Role.VIEWER);
    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        fixture.registerInjectableResource(slugs);
        fixture.registerInjectableResource(seats);
        fixture.registerInjectableResource(new FixedPlans());
        fixture.registerInjectableResource(workspaces);
        fixture.registerInjectableResource(roster);
    }

    private static OrganizationCreatedEvent created() {
        return new OrganizationCreatedEvent(ORG, "Acme", "acme", OrganizationSettings.DEFAULTS, OWNER);
    }

    private static WorkspaceCreatedEvent defaultWorkspaceCreated() {
        return new WorkspaceCreatedEvent(WorkspaceIds.defaultOf(ORG), ORG, "General", null,
                WorkspaceVisibility.ORGANIZATION, OWNER);
    }

    private static WorkspaceMemberAddedEvent ownerJoinedDefaultWorkspace() {
        return new WorkspaceMemberAddedEvent(WorkspaceIds.defaultOf(ORG), ORG, OWNER, WorkspaceRole.ADMIN);
    }

    @Test
    void aNewOrganizationGetsItsDefaultWorkspaceWhichCountsTowardsThePlansLimit() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", null, null, OWNER))
                .expectSuccessfulHandlerExecution();
        assertThat(workspaces.limits).containsEntry(ORG, 3);
        assertThat(workspaces.holderOf(ORG, "general")).isEqualTo(WorkspaceIds.defaultOf(ORG));
        assertThat(workspaces.lock(ORG)).isEqualTo(new dev.tenantry.command.workspace.Workspaces.Usage(1, 3));
    }

    @Test
    void creatingAnOrganizationMakesItsCreatorTheOwnerThroughAMembership() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", null, null, OWNER))
                .expectSuccessfulHandlerExecution()
                .expectEvents(created(), new SeatLimitChangedEvent(ORG, 5), new WorkspaceLimitChangedEvent(ORG, 3),
                        new MemberAddedEvent(MembershipIds.of(ORG, OWNER), ORG, OWNER, Role.OWNER),
                        new SubscriptionStartedEvent(SubscriptionIds.of(ORG), ORG, "free", SubscriptionStatus.FREE),
                        defaultWorkspaceCreated(), ownerJoinedDefaultWorkspace());
        assertThat(slugs.claims).containsEntry("acme", ORG);
        assertThat(seats.opened).containsEntry(ORG, 5);
    }

    @Test
    void aGivenSlugThatIsTakenIsRefused() {
        slugs.claims.put("acme", "another-org");
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", "acme", null, OWNER))
                .expectException(DomainException.class)
                .expectExceptionMessage("slug 'acme' is taken")
                .expectNoEvents();
    }

    @Test
    void aDerivedSlugThatIsTakenGetsTheFirstFreeSuffix() {
        slugs.claims.put("acme", "another-org");
        slugs.claims.put("acme-2", "a-third-org");
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", null, null, OWNER))
                .expectEvents(new OrganizationCreatedEvent(ORG, "Acme", "acme-3", OrganizationSettings.DEFAULTS, OWNER),
                        new SeatLimitChangedEvent(ORG, 5), new WorkspaceLimitChangedEvent(ORG, 3),
                        new MemberAddedEvent(MembershipIds.of(ORG, OWNER), ORG, OWNER, Role.OWNER),
                        new SubscriptionStartedEvent(SubscriptionIds.of(ORG), ORG, "free", SubscriptionStatus.FREE),
                        defaultWorkspaceCreated(), ownerJoinedDefaultWorkspace());
    }

    @Test
    void anInvalidGivenSlugIsRefusedWithoutClaimingAnything() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "Acme", "Not A Slug", null, OWNER))
                .expectException(DomainException.class)
                .expectNoEvents();
        assertThat(slugs.claims).isEmpty();
    }

    @Test
    void aBlankNameIsRefused() {
        fixture.givenNoPriorActivity()
                .when(new CreateOrganizationCommand(ORG, "   ", null, null, OWNER))
                .expectException(DomainException.class)
                .expectExceptionMessage("name must not be blank")
                .expectNoEvents();
    }

    @Test
    void renamingRecordsTheNewAndPreviousName() {
        fixture.given(created())
                .when(new RenameOrganizationCommand(ORG, "  Acme Corp ", ADMIN))
                .expectEvents(new OrganizationRenamedEvent(ORG, "Acme Corp", "Acme"));
    }

    @Test
    void renamingToTheSameNameChangesNothing() {
        fixture.given(created())
                .when(new RenameOrganizationCommand(ORG, "Acme", ADMIN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void updatingSettingsKeepsWhatWasNotGiven() {
        fixture.given(created())
                .when(new UpdateOrganizationSettingsCommand(ORG, "Europe/Berlin", null, ADMIN))
                .expectEvents(new OrganizationSettingsUpdatedEvent(ORG, new OrganizationSettings("Europe/Berlin", "en")));
    }

    @Test
    void aMemberCannotRename() {
        fixture.given(created())
                .when(new RenameOrganizationCommand(ORG, "Hijacked", MEMBER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @Test
    void aViewerCannotChangeTheSettings() {
        fixture.given(created())
                .when(new UpdateOrganizationSettingsCommand(ORG, "Europe/Berlin", null, VIEWER))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @Test
    void anAdminWhoWasRemovedCannotRenameAnyMore() {
        roster.record(ORG, ADMIN, Role.ADMIN, MembershipStatus.REMOVED);
        fixture.given(created())
                .when(new RenameOrganizationCommand(ORG, "Too late", ADMIN))
                .expectException(domainError("insufficient-role"))
                .expectNoEvents();
    }

    @Test
    void anUnknownTimeZoneIsRefused() {
        fixture.given(created())
                .when(new UpdateOrganizationSettingsCommand(ORG, "Mars/Olympus", null, ADMIN))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    @Test
    void onlyTheOwnerCanClose() {
        fixture.given(created())
                .when(new CloseOrganizationCommand(ORG, ADMIN))
                .expectException(DomainException.class)
                .expectExceptionMessage("Only the owner can close the organization")
                .expectNoEvents();
    }

    @Test
    void theOwnerClosesTheOrganization() {
        fixture.given(created())
                .when(new CloseOrganizationCommand(ORG, OWNER))
                .expectEvents(new OrganizationClosedEvent(ORG));
    }

    @Test
    void aClosedOrganizationCannotBeRenamed() {
        fixture.given(created(), new OrganizationClosedEvent(ORG))
                .when(new RenameOrganizationCommand(ORG, "Zombie", OWNER))
                .expectException(DomainException.class)
                .expectExceptionMessage("The organization is closed")
                .expectNoEvents();
    }

    @Test
    void aClosedOrganizationCannotBeClosedAgain() {
        fixture.given(created(), new OrganizationClosedEvent(ORG))
                .when(new CloseOrganizationCommand(ORG, OWNER))
                .expectException(DomainException.class)
                .expectNoEvents();
    }

    /** Records what it was opened with. */
    static final class FixedSeats implements Seats {
        final Map<String, Integer> opened = new HashMap<>();

        @Override
        public void open(String organizationId, Integer limit) {
            opened.put(organizationId, limit);
        }

        @Override
        public void setLimit(String organizationId, Integer limit) {
            opened.put(organizationId, limit);
        }

        @Override
        public Usage lock(String organizationId) {
            return new Usage(1, 0, 5);
        }
    }

    /** The registry's contract (first claim wins) without a database; the real one is tested over PostgreSQL. */
    static final class InMemorySlugs implements SlugRegistry {
        final Map<String, String> claims = new HashMap<>();

        @Override
        public boolean tryClaim(String slug, String organizationId) {
            return claims.putIfAbsent(slug, organizationId) == null;
        }
    }
}
