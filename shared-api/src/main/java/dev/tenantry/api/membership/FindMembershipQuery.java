package dev.tenantry.api.membership;

/** The caller's membership in one organization, used for authorisation checks. */
public record FindMembershipQuery(String organizationId, String userId) {
}
