package dev.tenantry.api.membership;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeMemberRoleCommand(@TargetAggregateIdentifier String membershipId,
                                      String organizationId,
                                      String userId,
                                      Role role,
                                      String actorId) implements TenantMessage {
}
