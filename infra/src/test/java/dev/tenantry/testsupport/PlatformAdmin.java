package dev.tenantry.testsupport;

import java.util.Map;

/** The test JVM's platform admin (config/application.properties), registered and email-verified on first use. */
public final class PlatformAdmin {

    public static final String EMAIL = "platform-admin@tenantry.test";

    private PlatformAdmin() {
    }

    /** A fresh access token of the platform admin, whose rights need a verified email. */
    public static synchronized String accessToken(ApiClient api) {
        ApiClient.Response registered = api.post("/api/auth/register", null,
                Map.of("email", EMAIL, "password", ApiClient.PASSWORD, "displayName", "Platform Admin"));
        if (registered.status() == 201) {
            String token = TestMail.awaitMessagesTo(EMAIL, Team.VERIFY_SUBJECT, 1).get(0).token();
            ApiClient.Response verified = api.post("/api/auth/verify-email", null, Map.of("token", token));
            if (verified.status() != 204) {
                throw new AssertionError("could not verify the platform admin: " + verified);
            }
        }
        ApiClient.Response login = api.post("/api/auth/login", null, Map.of("email", EMAIL, "password", ApiClient.PASSWORD));
        if (login.status() != 200) {
            throw new AssertionError("platform admin login failed: " + login);
        }
        return login.text("accessToken");
    }
}
