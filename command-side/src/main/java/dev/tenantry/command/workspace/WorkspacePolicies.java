package dev.tenantry.command.workspace;

import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.workspace.ArchiveWorkspaceOfClosedOrganizationCommand;
import dev.tenantry.api.workspace.RemoveDepartedWorkspaceMemberCommand;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * What the organization's life does to its workspaces: someone who leaves or is removed from the organization leaves
 * all its workspaces; closing the organization archives them. Reactions that send commands: never replayed. The read
 * model hides a departed member's workspace memberships at once; these commands make the aggregates agree.
 */
@Component
@ProcessingGroup(WorkspacePolicies.PROCESSING_GROUP)
class WorkspacePolicies {

    /** "policy-" groups react with commands; read-your-writes does not wait for them. */
    static final String PROCESSING_GROUP = "policy-workspaces";

    private final CommandGateway commands;
    private final Workspaces workspaces;

    WorkspacePolicies(CommandGateway commands, Workspaces workspaces) {
        this.commands = commands;
        this.workspaces = workspaces;
    }

    @EventHandler
    @DisallowReplay
    void on(MemberLeftEvent event) {
        leaveAll(event.organizationId(), event.userId());
    }

    @EventHandler
    @DisallowReplay
    void on(MemberRemovedEvent event) {
        leaveAll(event.organizationId(), event.userId());
    }

    @EventHandler
    @DisallowReplay
    void on(OrganizationClosedEvent event) {
        for (String workspaceId : workspaces.activeWorkspaces(event.organizationId())) {
            commands.sendAndWait(new ArchiveWorkspaceOfClosedOrganizationCommand(workspaceId, event.organizationId()));
        }
    }

    private void leaveAll(String organizationId, String userId) {
        for (String workspaceId : workspaces.workspacesOf(organizationId, userId)) {
            commands.sendAndWait(new RemoveDepartedWorkspaceMemberCommand(workspaceId, organizationId, userId));
        }
    }
}
