package dev.tenantry.api.invitation;

/** The invitation whose current token has this SHA-256 (hex); a token replaced by a resend finds nothing. */
public record FindInvitationByTokenQuery(String tokenHash) {
}
