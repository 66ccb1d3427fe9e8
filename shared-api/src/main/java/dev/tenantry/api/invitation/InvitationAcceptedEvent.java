package dev.tenantry.api.invitation;

import dev.tenantry.api.TenantMessage;
import dev.tenantry.api.membership.Role;
import org.axonframework.serialization.Revision;

@Revision("1")
public record InvitationAcceptedEvent(String invitationId,
                                      String organizationId,
                                      String email,
                                      String userId,
                                      Role role) implements TenantMessage {
}
