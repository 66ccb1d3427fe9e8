package dev.tenantry.command.identity;

import java.time.Duration;

/** Issues the short-lived access tokens of a sign-in (a signed JWT, in the application). */
public interface AccessTokens {

    /**
     * @param emailVerified whether the user proved they own the email
     * @param sessionId     the sign-in (refresh-token family): the token ends with it, see {@link SignIns}
     */
    String issue(String userId, String email, boolean emailVerified, String sessionId);

    Duration ttl();
}
