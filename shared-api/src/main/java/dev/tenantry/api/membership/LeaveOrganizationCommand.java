package dev.tenantry.api.membership;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The member themself leaves; the actor is the member. */
public record LeaveOrganizationCommand(@TargetAggregateIdentifier String membershipId,
                                       String organizationId,
                                       String userId) implements TenantMessage {
}
