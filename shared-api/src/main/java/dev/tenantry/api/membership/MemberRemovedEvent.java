package dev.tenantry.api.membership;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** Someone with the right removed the member. */
@Revision("1")
public record MemberRemovedEvent(String membershipId,
                                 String organizationId,
                                 String userId,
                                 Role role) implements TenantMessage {
}
