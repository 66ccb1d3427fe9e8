package dev.tenantry.command.organization;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.CloseOrganizationCommand;
import dev.tenantry.api.organization.CreateOrganizationCommand;
import dev.tenantry.api.organization.FeatureKeys;
import dev.tenantry.api.organization.FeatureOverriddenEvent;
import dev.tenantry.api.organization.FeatureOverrideRemovedEvent;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationRenamedEvent;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OrganizationSettingsUpdatedEvent;
import dev.tenantry.api.organization.OrganizationStatus;
import dev.tenantry.api.organization.OverrideFeatureCommand;
import dev.tenantry.api.organization.OwnershipTransferredEvent;
import dev.tenantry.api.organization.RemoveFeatureOverrideCommand;
import dev.tenantry.api.organization.TransferOwnershipCommand;
import dev.tenantry.api.organization.RenameOrganizationCommand;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.organization.Slugs;
import dev.tenantry.api.organization.UpdateOrganizationSettingsCommand;
import dev.tenantry.api.workspace.CreateDefaultWorkspaceCommand;
import dev.tenantry.api.workspace.WorkspaceAccess;
import dev.tenantry.api.workspace.WorkspaceIds;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.command.DisplayNames;
import dev.tenantry.command.LongLivedAggregates;
import dev.tenantry.command.billing.Plans;
import dev.tenantry.command.billing.Subscription;
import dev.tenantry.command.membership.MemberRoster;
import dev.tenantry.command.membership.Membership;
import dev.tenantry.command.workspace.Workspace;
import dev.tenantry.command.workspace.Workspaces;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.createNew;

/** The tenant. Its id is the tenant id that every other message of the tenant carries. */
@Aggregate(snapshotTriggerDefinition = LongLivedAggregates.SNAPSHOT_TRIGGER, cache = LongLivedAggregates.CACHE,
        lockFactory = LongLivedAggregates.LOCKS)
@LongLivedAggregates.SnapshotOfFields
public class Organization {

    public static final int MAX_NAME_LENGTH = 100;
    /** Bounds the search for a free derived slug; "acme-100" taken as well means something is off. */
    private static final int MAX_SLUG_ATTEMPTS = 100;

    @AggregateIdentifier
    private String organizationId;
    private String name;
    private String ownerId;
    private OrganizationSettings settings;
    private OrganizationStatus status;
    /** Feature key to what a platform admin decided; keys absent here follow the plan. */
    private final Map<String, Boolean> featureOverrides = new HashMap<>();

    protected Organization() {
        // for Axon
    }

    @CommandHandler
    public Organization(CreateOrganizationCommand command, SlugRegistry slugs, Seats seats, Plans plans,
                        Workspaces workspaces) {
        String name = requireValidName(command.name());
        String slug = claimSlug(command, slugs);
        Plan plan = plans.defaultPlan();
        Integer seatLimit = plan.seatLimit();
        seats.open(command.organizationId(), seatLimit);
        String defaultWorkspaceId = WorkspaceIds.defaultOf(command.organizationId());
        // The default workspace counts towards the plan's limit like any other (a free plan's 3 leave room for 2).
        workspaces.open(command.organizationId(), plan.workspaceLimit());
        workspaces.markSetUp(command.organizationId());
        workspaces.tryClaimName(command.organizationId(), WorkspaceAccess.nameKey(Workspace.DEFAULT_NAME),
                defaultWorkspaceId);
        OrganizationSettings settings = command.settings() != null ? command.settings() : OrganizationSettings.DEFAULTS;
        // The founder's membership, the subscription and the default workspace are aggregates like every later one,
        // created in the same unit of work so that an organization never exists without its owner, its plan and a
        // place to work. andThen() orders them after the creation event; a child created directly in this constructor
        // would be stored before its parent.
        String organizationId = command.organizationId();
        apply(new OrganizationCreatedEvent(organizationId, name, slug, settings, command.ownerId()))
                .andThenApply(() -> new SeatLimitChangedEvent(organizationId, seatLimit))
                .andThenApply(() -> new WorkspaceLimitChangedEvent(organizationId, plan.workspaceLimit()))
                .andThen(() -> create(Membership.class, () -> new Membership(
                        MembershipIds.of(organizationId, command.ownerId()), organizationId, command.ownerId(),
                        Role.OWNER)))
                .andThen(() -> create(Subscription.class, () -> new Subscription(
                        SubscriptionIds.of(organizationId), organizationId, plan.key())))
                .andThen(() -> create(Workspace.class, () -> new Workspace(defaultWorkspaceId, organizationId,
                        command.ownerId())));
    }

    private static <T> void create(Class<T> type, Callable<T> factory) {
        try {
            createNew(type, factory);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("Could not create the " + type.getSimpleName() + " of a new organization", e);
        }
    }

    /**
     * An organization from before workspaces gets the default workspace a new one gets, its current owner as ADMIN.
     * A closed one gets none (it could not use it, and closing archives workspaces). The name stays unique: if
     * another active workspace took "General" meanwhile, the organization has its General, and none is created.
     * Sent again, the creation fails on the derived id as a duplicate, rolling back its claims with it.
     */
    @CommandHandler
    public void handle(CreateDefaultWorkspaceCommand command, Workspaces workspaces, Plans plans) {
        // An organization from before subscriptions has no subscription to record its limit: the default plan's,
        // as for any organization without one.
        workspaces.open(organizationId, plans.defaultPlan().workspaceLimit());
        if (status == OrganizationStatus.CLOSED) {
            return;
        }
        String defaultWorkspaceId = WorkspaceIds.defaultOf(organizationId);
        if (!workspaces.tryClaimName(organizationId, WorkspaceAccess.nameKey(Workspace.DEFAULT_NAME),
                defaultWorkspaceId)) {
            return;
        }
        String admin = ownerId;
        String organization = organizationId;
        create(Workspace.class, () -> new Workspace(defaultWorkspaceId, organization, admin));
    }

    @CommandHandler
    public void handle(RenameOrganizationCommand command, MemberRoster roster) {
        requireActive();
        roster.requirePermission(organizationId, command.actorId(), Permission.MANAGE_ORGANIZATION);
        String newName = requireValidName(command.name());
        if (newName.equals(name)) {
            return;
        }
        apply(new OrganizationRenamedEvent(organizationId, newName, name));
    }

    @CommandHandler
    public void handle(UpdateOrganizationSettingsCommand command, MemberRoster roster) {
        requireActive();
        roster.requirePermission(organizationId, command.actorId(), Permission.MANAGE_ORGANIZATION);
        OrganizationSettings updated = settings.with(command.timeZone(), command.locale());
        if (updated.equals(settings)) {
            return;
        }
        apply(new OrganizationSettingsUpdatedEvent(organizationId, updated));
    }

    @CommandHandler
    public void handle(CloseOrganizationCommand command) {
        requireActive();
        if (!ownerId.equals(command.actorId())) {
            throw DomainException.forbidden("owner-required", "Only the owner can close the organization");
        }
        apply(new OrganizationClosedEvent(organizationId));
    }

    /**
     * Who may override is a platform-level right (the web layer checks it: platform admins are no members of the
     * tenant), so no role is checked here. Setting what is already set records nothing.
     */
    @CommandHandler
    public void handle(OverrideFeatureCommand command) {
        requireActive();
        String feature = requireValidFeature(command.feature());
        Boolean current = featureOverrides.get(feature);
        if (current != null && current == command.enabled()) {
            return;
        }
        apply(new FeatureOverriddenEvent(organizationId, feature, command.enabled(), current));
    }

    /** Removing an override that does not exist is refused, so that a mistyped key does not pass for done. */
    @CommandHandler
    public void handle(RemoveFeatureOverrideCommand command) {
        requireActive();
        String feature = requireValidFeature(command.feature());
        Boolean current = featureOverrides.get(feature);
        if (current == null) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "feature-override-not-found",
                    "No override of feature '" + feature + "' for this organization", "key");
        }
        apply(new FeatureOverrideRemovedEvent(organizationId, feature, current));
    }

    /**
     * Records the transfer; returns the previous owner. Called by {@link OwnershipTransfer}, which moves the
     * role between the two memberships in the same unit of work.
     */
    String transferOwnership(TransferOwnershipCommand command) {
        requireActive();
        if (!ownerId.equals(command.actorId())) {
            throw DomainException.forbidden("owner-required", "Only the owner can transfer ownership");
        }
        if (ownerId.equals(command.newOwnerId())) {
            throw DomainException.conflict("already-owner", "userId", "You already own this organization");
        }
        String previousOwner = ownerId;
        apply(new OwnershipTransferredEvent(organizationId, previousOwner, command.newOwnerId()));
        return previousOwner;
    }

    @EventSourcingHandler
    void on(OrganizationCreatedEvent event) {
        organizationId = event.organizationId();
        name = event.name();
        ownerId = event.ownerId();
        settings = event.settings();
        status = OrganizationStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(OrganizationRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(OrganizationSettingsUpdatedEvent event) {
        settings = event.settings();
    }

    @EventSourcingHandler
    void on(OwnershipTransferredEvent event) {
        ownerId = event.newOwnerId();
    }

    @EventSourcingHandler
    void on(FeatureOverriddenEvent event) {
        featureOverrides.put(event.feature(), event.enabled());
    }

    @EventSourcingHandler
    void on(FeatureOverrideRemovedEvent event) {
        featureOverrides.remove(event.feature());
    }

    @EventSourcingHandler
    void on(OrganizationClosedEvent event) {
        status = OrganizationStatus.CLOSED;
    }

    private void requireActive() {
        if (status == OrganizationStatus.CLOSED) {
            throw DomainException.conflict("organization-closed", "The organization is closed");
        }
    }

    private static String requireValidName(String name) {
        return DisplayNames.requireValid(name, MAX_NAME_LENGTH);
    }

    private static String requireValidFeature(String feature) {
        if (!FeatureKeys.isValid(feature)) {
            throw DomainException.invalid("invalid-feature-key", "key", "key must be " + FeatureKeys.FORMAT);
        }
        return feature;
    }

    private static String claimSlug(CreateOrganizationCommand command, SlugRegistry slugs) {
        if (command.slug() != null) {
            if (!Slugs.isValid(command.slug())) {
                throw DomainException.invalid("invalid-slug", "slug",
                        "slug must be 1-63 lowercase letters, digits or single dashes, starting and ending with a letter or digit");
            }
            if (!slugs.tryClaim(command.slug(), command.organizationId())) {
                throw DomainException.conflict("slug-taken", "slug", "slug '" + command.slug() + "' is taken");
            }
            return command.slug();
        }
        // A derived slug is a convenience, not a choice the user made: pick the first free variant.
        String base = Slugs.derive(requireValidName(command.name()));
        for (int attempt = 1; attempt <= MAX_SLUG_ATTEMPTS; attempt++) {
            String candidate = Slugs.candidate(base, attempt);
            if (slugs.tryClaim(candidate, command.organizationId())) {
                return candidate;
            }
        }
        throw DomainException.conflict("slug-taken", "slug",
                "no free slug derived from '" + base + "'; choose one explicitly");
    }
}
