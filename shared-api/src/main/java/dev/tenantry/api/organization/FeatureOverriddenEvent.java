package dev.tenantry.api.organization;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * The feature is on ({@code enabled}) or off for this organization regardless of its plan.
 *
 * @param previous the override this one replaces, {@code null} when the plan decided before
 */
@Revision("1")
public record FeatureOverriddenEvent(String organizationId,
                                     String feature,
                                     boolean enabled,
                                     Boolean previous) implements TenantMessage {
}
