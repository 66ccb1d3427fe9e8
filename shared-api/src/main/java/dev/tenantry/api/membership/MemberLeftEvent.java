package dev.tenantry.api.membership;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record MemberLeftEvent(String membershipId,
                              String organizationId,
                              String userId,
                              Role role) implements TenantMessage {
}
