package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A fresh token replaced the previous one, which no longer works. */
@Revision("1")
public record InvitationResentEvent(String invitationId,
                                    String organizationId,
                                    String tokenHash,
                                    Instant expiresAt) implements TenantMessage {
}
