package dev.tenantry.infra.identity;

import dev.tenantry.command.identity.SignedIn;

/** What register, login and refresh answer. {@code expiresIn} is the access token's lifetime in seconds. */
record AuthTokens(String accessToken, String refreshToken, String tokenType, long expiresIn, UserSummary user) {

    record UserSummary(String id, String email, String displayName) {
    }

    static AuthTokens of(SignedIn signedIn) {
        return new AuthTokens(signedIn.accessToken(), signedIn.refreshToken(), "Bearer",
                signedIn.accessTokenTtl().toSeconds(),
                new UserSummary(signedIn.userId(), signedIn.email(), signedIn.displayName()));
    }
}
