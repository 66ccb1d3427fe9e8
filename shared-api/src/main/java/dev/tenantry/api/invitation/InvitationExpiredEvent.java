package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record InvitationExpiredEvent(String invitationId,
                                     String organizationId,
                                     String email) implements TenantMessage {
}
