package dev.tenantry.api.organization;

import dev.tenantry.api.membership.Role;

import java.time.Instant;

/** One of "my organizations": the organization and the caller's role in it. */
public record UserOrganizationView(String id,
                                   String name,
                                   String slug,
                                   OrganizationStatus status,
                                   Role role,
                                   Instant joinedAt) {
}
