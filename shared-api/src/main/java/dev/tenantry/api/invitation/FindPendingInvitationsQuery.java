package dev.tenantry.api.invitation;

public record FindPendingInvitationsQuery(String organizationId) {
}
