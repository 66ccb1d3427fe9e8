package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OrganizationCreatedEvent(String organizationId,
                                       String name,
                                       String slug,
                                       OrganizationSettings settings,
                                       String ownerId) implements TenantMessage {
}
