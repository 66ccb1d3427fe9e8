package dev.tenantry.api.organization;

public record FindOrganizationQuery(String organizationId) {
}
