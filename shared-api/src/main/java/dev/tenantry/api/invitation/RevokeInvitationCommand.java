package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RevokeInvitationCommand(@TargetAggregateIdentifier String invitationId,
                                      String organizationId,
                                      String actorId) implements TenantMessage {
}
