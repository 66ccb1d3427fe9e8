package dev.tenantry.api.organization;

/** The organizations in which the user holds an active membership. */
public record FindOrganizationsOfUserQuery(String userId) {
}
