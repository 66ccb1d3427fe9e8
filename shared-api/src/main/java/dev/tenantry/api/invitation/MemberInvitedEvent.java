package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import dev.tenantry.api.membership.Role;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An invitation was created. Only the token's hash is recorded. */
@Revision("1")
public record MemberInvitedEvent(String invitationId,
                                 String organizationId,
                                 String email,
                                 Role role,
                                 String inviterId,
                                 String tokenHash,
                                 Instant expiresAt) implements TenantMessage {
}
