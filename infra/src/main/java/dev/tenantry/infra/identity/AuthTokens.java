package dev.tenantry.infra.identity;

/** What register, login and refresh answer. {@code expiresIn} is the access token's lifetime in seconds. */
record AuthTokens(String accessToken, String refreshToken, String tokenType, long expiresIn, UserSummary user) {

    record UserSummary(String id, String email, String displayName) {
    }
}
