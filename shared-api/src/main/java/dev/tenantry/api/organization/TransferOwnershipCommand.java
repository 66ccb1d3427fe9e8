package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Hands the OWNER role to another active member; the previous owner becomes ADMIN. */
public record TransferOwnershipCommand(@TargetAggregateIdentifier String organizationId,
                                       String newOwnerId,
                                       String actorId) implements TenantMessage {
}
