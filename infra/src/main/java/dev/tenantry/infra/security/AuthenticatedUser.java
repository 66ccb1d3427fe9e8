package dev.tenantry.infra.security;

/** The caller, as the access token says. {@code platformAdmin} is decided per request from configuration. */
public record AuthenticatedUser(String id, String email, boolean platformAdmin) {
}
