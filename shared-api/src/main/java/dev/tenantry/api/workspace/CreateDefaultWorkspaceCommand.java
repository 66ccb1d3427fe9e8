package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An organization from before workspaces gets the default workspace a new one gets ({@link WorkspaceIds#defaultOf}),
 * its current owner as ADMIN. Sent by the upgrade backfill, on nobody's behalf. A closed organization gets none;
 * a second creation fails as a duplicate of the first (the id is derived), which the sender takes for done.
 */
public record CreateDefaultWorkspaceCommand(@TargetAggregateIdentifier String organizationId)
        implements TenantMessage {
}
