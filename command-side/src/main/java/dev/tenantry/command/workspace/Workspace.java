package dev.tenantry.command.workspace;

import dev.tenantry.api.DomainException;
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
import dev.tenantry.api.workspace.WorkspaceAccess;
import dev.tenantry.api.workspace.WorkspaceArchivedEvent;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceDescriptionChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRemovedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRoleChangedEvent;
import dev.tenantry.api.workspace.WorkspaceRenamedEvent;
import dev.tenantry.api.workspace.WorkspaceRestoredEvent;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceStatus;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.api.workspace.WorkspaceVisibilityChangedEvent;
import dev.tenantry.command.DisplayNames;
import dev.tenantry.command.billing.Plans;
import dev.tenantry.command.membership.MemberRoster;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * A project inside an organization, with its own members. Who may see and change it is {@link WorkspaceAccess}'s
 * rule; someone who may not see it learns nothing (not found), as at the API. The organization-wide rules (names
 * unique among active workspaces, the plan's limit) are claimed in {@link Workspaces} in the same transaction.
 */
@Aggregate
public class Workspace {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    public static final String DEFAULT_NAME = "General";

    @AggregateIdentifier
    private String workspaceId;
    private String organizationId;
    private String name;
    private String description;
    private WorkspaceVisibility visibility;
    private WorkspaceStatus status;
    private final Map<String, WorkspaceRole> members = new HashMap<>();

    protected Workspace() {
        // for Axon
    }

    /**
     * The organization's default workspace, called while the organization is created (which has claimed its name
     * and counts it); its founder is its first ADMIN.
     */
    public Workspace(String workspaceId, String organizationId, String creatorId) {
        apply(new WorkspaceCreatedEvent(workspaceId, organizationId, DEFAULT_NAME, null,
                WorkspaceVisibility.ORGANIZATION, creatorId));
        apply(new WorkspaceMemberAddedEvent(workspaceId, organizationId, creatorId, WorkspaceRole.ADMIN));
    }

    @CommandHandler
    public Workspace(CreateWorkspaceCommand command, MemberRoster roster, Workspaces workspaces, Plans plans) {
        roster.requireOpen(command.organizationId());
        Role actorRole = actorRole(roster, command.organizationId(), command.actorId());
        if (actorRole == null) {
            throw notFound(command.workspaceId());
        }
        if (!WorkspaceAccess.canCreate(actorRole)) {
            throw DomainException.forbidden("insufficient-role",
                    "Only an OWNER, ADMIN or MEMBER of the organization can create workspaces");
        }
        String name = requireValidName(command.name());
        String description = validDescription(command.description());
        WorkspaceVisibility visibility = command.visibility() == null ? WorkspaceVisibility.ORGANIZATION
                : command.visibility();
        requireRoom(command.organizationId(), workspaces, plans);
        claimName(command.organizationId(), name, command.workspaceId(), workspaces);
        apply(new WorkspaceCreatedEvent(command.workspaceId(), command.organizationId(), name, description,
                visibility, command.actorId()));
        apply(new WorkspaceMemberAddedEvent(command.workspaceId(), command.organizationId(), command.actorId(),
                WorkspaceRole.ADMIN));
    }

    @CommandHandler
    public void handle(UpdateWorkspaceCommand command, MemberRoster roster, Workspaces workspaces) {
        requireManager(command.organizationId(), command.actorId(), roster);
        requireActive();
        String newName = command.name() == null ? name : requireValidName(command.name());
        String newDescription = command.description() == null ? description : validDescription(command.description());
        WorkspaceVisibility newVisibility = command.visibility() == null ? visibility : command.visibility();
        if (!newName.equals(name)) {
            if (!WorkspaceAccess.nameKey(newName).equals(WorkspaceAccess.nameKey(name))) {
                claimName(organizationId, newName, workspaceId, workspaces);
            }
            apply(new WorkspaceRenamedEvent(workspaceId, organizationId, newName, name));
        }
        if (!Objects.equals(newDescription, description)) {
            apply(new WorkspaceDescriptionChangedEvent(workspaceId, organizationId, newDescription));
        }
        if (newVisibility != visibility) {
            apply(new WorkspaceVisibilityChangedEvent(workspaceId, organizationId, newVisibility, visibility));
        }
    }

    @CommandHandler
    public void handle(ArchiveWorkspaceCommand command, MemberRoster roster, Workspaces workspaces) {
        requireManager(command.organizationId(), command.actorId(), roster);
        requireActive();
        workspaces.releaseName(workspaceId);
        apply(new WorkspaceArchivedEvent(workspaceId, organizationId, name, false));
    }

    /** The organization closed: nobody acts, and the closed organization's rules do not apply. */
    @CommandHandler
    public void handle(ArchiveWorkspaceOfClosedOrganizationCommand command, Workspaces workspaces) {
        if (status != WorkspaceStatus.ACTIVE || !organizationId.equals(command.organizationId())) {
            return;
        }
        workspaces.releaseName(workspaceId);
        apply(new WorkspaceArchivedEvent(workspaceId, organizationId, name, true));
    }

    @CommandHandler
    public void handle(RestoreWorkspaceCommand command, MemberRoster roster, Workspaces workspaces, Plans plans) {
        requireManager(command.organizationId(), command.actorId(), roster);
        if (status != WorkspaceStatus.ARCHIVED) {
            throw DomainException.conflict("workspace-not-archived", "The workspace is not archived");
        }
        requireRoom(organizationId, workspaces, plans);
        claimName(organizationId, name, workspaceId, workspaces);
        apply(new WorkspaceRestoredEvent(workspaceId, organizationId, name));
    }

    @CommandHandler
    public void handle(AddWorkspaceMemberCommand command, MemberRoster roster) {
        requireManager(command.organizationId(), command.actorId(), roster);
        requireActive();
        WorkspaceRole role = requireRole(command.role());
        if (command.userId() == null || roster.activeRole(organizationId, command.userId()).isEmpty()) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "member-not-found",
                    "Only members of the organization can join its workspaces", "userId");
        }
        if (members.containsKey(command.userId())) {
            throw DomainException.conflict("already-workspace-member", "userId",
                    "This member already belongs to the workspace");
        }
        apply(new WorkspaceMemberAddedEvent(workspaceId, organizationId, command.userId(), role));
    }

    @CommandHandler
    public void handle(ChangeWorkspaceMemberRoleCommand command, MemberRoster roster) {
        requireManager(command.organizationId(), command.actorId(), roster);
        requireActive();
        WorkspaceRole role = requireRole(command.role());
        WorkspaceRole current = requireMember(command.userId());
        if (current == role) {
            return;
        }
        apply(new WorkspaceMemberRoleChangedEvent(workspaceId, organizationId, command.userId(), role, current));
    }

    /** The last workspace ADMIN may go: the organization's OWNER and ADMINs still manage the workspace. */
    @CommandHandler
    public void handle(RemoveWorkspaceMemberCommand command, MemberRoster roster) {
        requireManager(command.organizationId(), command.actorId(), roster);
        requireActive();
        WorkspaceRole current = requireMember(command.userId());
        apply(new WorkspaceMemberRemovedEvent(workspaceId, organizationId, command.userId(), current, false));
    }

    /** Also in an archived workspace or a closed organization: a departed member belongs to no workspace. */
    @CommandHandler
    public void handle(RemoveDepartedWorkspaceMemberCommand command, MemberRoster roster) {
        WorkspaceRole current = members.get(command.userId());
        if (current == null || !organizationId.equals(command.organizationId())
                || roster.activeRole(organizationId, command.userId()).isPresent()) {
            return;
        }
        apply(new WorkspaceMemberRemovedEvent(workspaceId, organizationId, command.userId(), current, true));
    }

    @EventSourcingHandler
    void on(WorkspaceCreatedEvent event) {
        workspaceId = event.workspaceId();
        organizationId = event.organizationId();
        name = event.name();
        description = event.description();
        visibility = event.visibility();
        status = WorkspaceStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(WorkspaceRenamedEvent event) {
        name = event.name();
    }

    @EventSourcingHandler
    void on(WorkspaceDescriptionChangedEvent event) {
        description = event.description();
    }

    @EventSourcingHandler
    void on(WorkspaceVisibilityChangedEvent event) {
        visibility = event.visibility();
    }

    @EventSourcingHandler
    void on(WorkspaceArchivedEvent event) {
        status = WorkspaceStatus.ARCHIVED;
    }

    @EventSourcingHandler
    void on(WorkspaceRestoredEvent event) {
        status = WorkspaceStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(WorkspaceMemberAddedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(WorkspaceMemberRoleChangedEvent event) {
        members.put(event.userId(), event.role());
    }

    @EventSourcingHandler
    void on(WorkspaceMemberRemovedEvent event) {
        members.remove(event.userId());
    }

    /**
     * Checked in this order: a closed organization (409), someone who may not see the workspace (404, as if it did
     * not exist), someone who sees but may not change it (403).
     */
    private void requireManager(String commandOrganizationId, String actorId, MemberRoster roster) {
        if (!organizationId.equals(commandOrganizationId)) {
            throw notFound(workspaceId);
        }
        roster.requireOpen(organizationId);
        Role actorRole = actorRole(roster, organizationId, actorId);
        WorkspaceRole actorWorkspaceRole = actorId == null ? null : members.get(actorId);
        if (!WorkspaceAccess.canSee(actorRole, visibility, actorWorkspaceRole)) {
            throw notFound(workspaceId);
        }
        if (!WorkspaceAccess.canManage(actorRole, actorWorkspaceRole)) {
            throw DomainException.forbidden("insufficient-role",
                    "Only the organization's OWNER or ADMIN, or a MEMBER who is the workspace's ADMIN, can change it");
        }
    }

    private void requireActive() {
        if (status == WorkspaceStatus.ARCHIVED) {
            throw DomainException.conflict("workspace-archived", "The workspace is archived: restore it to change it");
        }
    }

    private WorkspaceRole requireMember(String userId) {
        WorkspaceRole role = userId == null ? null : members.get(userId);
        if (role == null) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "workspace-member-not-found",
                    "No member " + userId + " in this workspace", null);
        }
        return role;
    }

    private static Role actorRole(MemberRoster roster, String organizationId, String actorId) {
        return actorId == null ? null : roster.activeRole(organizationId, actorId).orElse(null);
    }

    /** Organizations from before workspaces have no recorded limit yet: the default plan's applies to them. */
    private static void requireRoom(String organizationId, Workspaces workspaces, Plans plans) {
        workspaces.open(organizationId, plans.defaultPlan().workspaceLimit());
        Workspaces.Usage usage = workspaces.lock(organizationId);
        if (!usage.hasRoomForOneMore()) {
            throw DomainException.conflict("workspace-limit-reached",
                    "The plan allows " + usage.limit() + " active workspaces; archive one or upgrade the plan");
        }
    }

    private static void claimName(String organizationId, String name, String workspaceId, Workspaces workspaces) {
        if (!workspaces.tryClaimName(organizationId, WorkspaceAccess.nameKey(name), workspaceId)) {
            throw DomainException.conflict("workspace-name-taken", "name",
                    "An active workspace of this organization is already named '" + name + "'");
        }
    }

    private static WorkspaceRole requireRole(WorkspaceRole role) {
        if (role == null) {
            throw DomainException.invalid("invalid-role", "role", "role must be ADMIN, EDITOR or VIEWER");
        }
        return role;
    }

    private static DomainException notFound(String workspaceId) {
        return new DomainException(DomainException.Kind.NOT_FOUND, "workspace-not-found",
                "No workspace " + workspaceId + " among yours", null);
    }

    static String requireValidName(String name) {
        return DisplayNames.requireValid(name, MAX_NAME_LENGTH);
    }

    /** Blank means none. */
    private static String validDescription(String description) {
        String trimmed = description == null ? "" : description.strip();
        if (trimmed.length() > MAX_DESCRIPTION_LENGTH) {
            throw DomainException.invalid("invalid-description", "description",
                    "description must be at most " + MAX_DESCRIPTION_LENGTH + " characters");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }
}
