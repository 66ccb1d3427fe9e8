package dev.tenantry.api.organization;

import java.time.Instant;

/** A platform admin's override of one feature for one organization. */
public record FeatureOverrideView(String feature, boolean enabled, Instant overriddenAt) {
}
