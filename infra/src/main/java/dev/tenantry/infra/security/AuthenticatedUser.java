package dev.tenantry.infra.security;

/**
 * The caller, as the access token says. {@code platformAdmin} is decided per request from configuration.
 *
 * @param sessionId the sign-in the token belongs to (its refresh-token family); {@code null} where there is none
 */
public record AuthenticatedUser(String id, String email, boolean platformAdmin, String sessionId) {
}
