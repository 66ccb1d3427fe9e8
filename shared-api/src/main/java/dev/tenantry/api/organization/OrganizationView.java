package dev.tenantry.api.organization;

import java.time.Instant;

public record OrganizationView(String id,
                               String name,
                               String slug,
                               OrganizationStatus status,
                               String ownerId,
                               OrganizationSettings settings,
                               Instant createdAt,
                               Instant updatedAt) {
}
