package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

@Revision("1")
public record OrganizationRenamedEvent(String organizationId,
                                       String name,
                                       String previousName) implements TenantMessage {
}
