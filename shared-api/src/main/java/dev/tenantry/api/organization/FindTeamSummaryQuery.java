package dev.tenantry.api.organization;

/** The tenant dashboard's team figures. */
public record FindTeamSummaryQuery(String organizationId) {
}
