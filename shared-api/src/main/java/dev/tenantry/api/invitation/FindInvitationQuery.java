package dev.tenantry.api.invitation;

/** One invitation of one organization, whatever its status. */
public record FindInvitationQuery(String organizationId, String invitationId) {
}
