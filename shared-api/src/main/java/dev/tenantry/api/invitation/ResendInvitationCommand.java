package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the token (the old one stops working) and restarts the expiry clock. */
public record ResendInvitationCommand(@TargetAggregateIdentifier String invitationId,
                                      String organizationId,
                                      String tokenHash,
                                      Instant expiresAt,
                                      String actorId) implements TenantMessage {
}
