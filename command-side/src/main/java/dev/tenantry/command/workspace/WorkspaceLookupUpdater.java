package dev.tenantry.command.workspace;

import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRemovedEvent;
import dev.tenantry.command.CommandLookups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The workspace limit follows {@link WorkspaceLimitChangedEvent} (billing emits it with every seat limit change), and
 * the members lookup the workspace member events, in the same transaction. A lower limit archives nothing: it only
 * blocks creating and restoring.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class WorkspaceLookupUpdater {

    private final Workspaces workspaces;

    WorkspaceLookupUpdater(Workspaces workspaces) {
        this.workspaces = workspaces;
    }

    @EventHandler
    void on(WorkspaceLimitChangedEvent event) {
        workspaces.setLimit(event.organizationId(), event.workspaceLimit());
    }

    @EventHandler
    void on(WorkspaceMemberAddedEvent event) {
        workspaces.recordMember(event.organizationId(), event.workspaceId(), event.userId());
    }

    @EventHandler
    void on(WorkspaceMemberRemovedEvent event) {
        workspaces.forgetMember(event.workspaceId(), event.userId());
    }
}
