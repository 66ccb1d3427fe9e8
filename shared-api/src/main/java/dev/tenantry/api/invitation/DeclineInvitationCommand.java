package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Declining needs only the token: whoever holds the mailed link may say no. */
public record DeclineInvitationCommand(@TargetAggregateIdentifier String invitationId,
                                       String organizationId,
                                       String tokenHash) implements TenantMessage {
}
