package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * @param slug    the requested slug, or {@code null} to derive one from the name
 * @param ownerId the user creating the organization, who becomes its OWNER
 */
public record CreateOrganizationCommand(@TargetAggregateIdentifier String organizationId,
                                        String name,
                                        String slug,
                                        OrganizationSettings settings,
                                        String ownerId) implements TenantMessage {
}
