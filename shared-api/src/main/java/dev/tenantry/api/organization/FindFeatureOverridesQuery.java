package dev.tenantry.api.organization;

/** The organization's feature overrides, by key; answered with a list of {@link FeatureOverrideView}. */
public record FindFeatureOverridesQuery(String organizationId) {
}
