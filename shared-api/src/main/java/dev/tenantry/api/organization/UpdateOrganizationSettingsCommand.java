package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Changes the given settings; a {@code null} value keeps the current one. */
public record UpdateOrganizationSettingsCommand(@TargetAggregateIdentifier String organizationId,
                                                String timeZone,
                                                String locale,
                                                String actorId) implements TenantMessage {
}
