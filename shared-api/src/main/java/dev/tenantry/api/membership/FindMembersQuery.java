package dev.tenantry.api.membership;

/** Active members of one organization. */
public record FindMembersQuery(String organizationId) {
}
