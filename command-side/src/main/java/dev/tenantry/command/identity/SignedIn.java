package dev.tenantry.command.identity;

import java.time.Duration;

/** What registering, signing in and refreshing give: an access token, a refresh token, and whose they are. */
public record SignedIn(String accessToken, String refreshToken, Duration accessTokenTtl, String userId, String email,
                       String displayName) {
}
