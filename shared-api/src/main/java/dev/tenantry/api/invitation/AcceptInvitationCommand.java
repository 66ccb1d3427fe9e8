package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param tokenHash  hash of the token the user presented: it must be the invitation's current one
 * @param userId     the signed-in user accepting
 * @param userEmail  that user's account email, which must equal the invitation's
 * @param userEmailVerified whether that user has proved they own it: only then may they accept
 */
public record AcceptInvitationCommand(@TargetAggregateIdentifier String invitationId,
                                      String organizationId,
                                      String tokenHash,
                                      String userId,
                                      String userEmail,
                                      boolean userEmailVerified) implements TenantMessage {
}
