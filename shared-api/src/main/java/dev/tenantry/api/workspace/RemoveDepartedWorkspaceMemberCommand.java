package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the policy that follows a member out of the organization; refused while they are still a member. */
public record RemoveDepartedWorkspaceMemberCommand(@TargetAggregateIdentifier String workspaceId,
                                                   String organizationId,
                                                   String userId) implements TenantMessage {
}
