package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * The plan in effect decides about the feature again.
 *
 * @param wasEnabled what the removed override said, so that the audit stream reads on its own
 */
@Revision("1")
public record FeatureOverrideRemovedEvent(String organizationId,
                                          String feature,
                                          boolean wasEnabled) implements TenantMessage {
}
