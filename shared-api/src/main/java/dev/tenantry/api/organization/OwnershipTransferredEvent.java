package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OwnershipTransferredEvent(String organizationId,
                                        String previousOwnerId,
                                        String newOwnerId) implements TenantMessage {
}
