package dev.tenantry.api.membership;

import java.time.Instant;

public record MemberView(String organizationId,
                         String userId,
                         String email,
                         String displayName,
                         Role role,
                         MembershipStatus status,
                         Instant joinedAt) {
}
