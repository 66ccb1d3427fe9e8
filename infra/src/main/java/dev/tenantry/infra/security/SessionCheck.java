package dev.tenantry.infra.security;

/**
 * Whether a sign-in still holds. An access token names its sign-in ({@code sid}); once the sign-in ends (logout,
 * logout everywhere, a password reset, a refresh token used twice), its access tokens are refused with 401
 * {@code session-ended} before they expire. Implemented where sign-ins are kept (identity).
 */
public interface SessionCheck {

    boolean isActive(String sessionId);
}
