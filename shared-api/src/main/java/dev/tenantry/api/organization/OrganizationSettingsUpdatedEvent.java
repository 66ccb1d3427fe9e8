package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** Carries the complete settings after the change, so that a projection never has to merge. */
@Revision("1")
public record OrganizationSettingsUpdatedEvent(String organizationId,
                                               OrganizationSettings settings) implements TenantMessage {
}
