package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Sent by the closure policy, on nobody's behalf: the organization's closure is the reason. */
public record ArchiveWorkspaceOfClosedOrganizationCommand(@TargetAggregateIdentifier String workspaceId,
                                                          String organizationId) implements TenantMessage {
}
