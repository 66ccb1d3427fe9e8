package dev.tenantry.api.membership;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RemoveMemberCommand(@TargetAggregateIdentifier String membershipId,
                                  String organizationId,
                                  String userId,
                                  String actorId) implements TenantMessage {
}
