package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import dev.tenantry.api.membership.Role;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * @param email     the invitee's normalised email
 * @param tokenHash SHA-256 (hex) of the token mailed to the invitee; the token itself never enters a message
 * @param actorId   the inviting user
 */
public record InviteMemberCommand(@TargetAggregateIdentifier String invitationId,
                                  String organizationId,
                                  String email,
                                  Role role,
                                  String tokenHash,
                                  Instant expiresAt,
                                  String actorId) implements TenantMessage {
}
