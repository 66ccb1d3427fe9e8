package dev.tenantry.api.billing;

import java.time.Instant;

public record SubscriptionView(String organizationId,
                               String plan,
                               SubscriptionStatus status,
                               Instant startedAt,
                               Instant updatedAt) {
}
