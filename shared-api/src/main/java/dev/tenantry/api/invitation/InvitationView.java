package dev.tenantry.api.invitation;

import dev.tenantry.api.membership.Role;

import java.time.Instant;

public record InvitationView(String id,
                             String organizationId,
                             String organizationName,
                             String email,
                             Role role,
                             InvitationStatus status,
                             String inviterId,
                             String inviterName,
                             Instant expiresAt,
                             Instant createdAt) {
}
