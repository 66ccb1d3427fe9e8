package dev.tenantry.infra.identity;

import dev.tenantry.command.SecretTokens;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sign-in ends {@code tenantry.jwt.session-max-age} (30 days) after it began, however often it was refreshed.
 * The tests make a sign-in older by moving its tokens' creation back, as if it had begun then.
 */
@IntegrationTest
class SessionLifetimeTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void aSignInOlderThanThirtyDaysCannotBeRefreshedAndIsSignedOut() {
        User user = api.register("Sam Session");
        String refreshed = refresh(user.refreshToken()).text("refreshToken");
        beganAgo(refreshed, Duration.ofDays(30).plusMinutes(1));

        Response expired = api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshed));

        assertThat(expired.status()).as(expired.toString()).isEqualTo(401);
        assertThat(expired.text("code")).isEqualTo("session-expired");
        assertThat(jdbc.queryForObject("select count(*) from refresh_token where family_id = ? and revoked_at is null",
                Long.class, family(refreshed))).isZero();
    }

    @Test
    void aRefreshNearTheEndOfTheSignInGetsATokenThatEndsWithIt() {
        User user = api.register("Tina Twentynine");
        beganAgo(user.refreshToken(), Duration.ofDays(29));

        String refreshed = refresh(user.refreshToken()).text("refreshToken");

        Instant expiresAt = jdbc.queryForObject("select expires_at from refresh_token where token_hash = ?",
                Timestamp.class, SecretTokens.hash(refreshed)).toInstant();
        Instant sessionEnds = jdbc.queryForObject("select min(created_at) from refresh_token where family_id = ?",
                Timestamp.class, family(refreshed)).toInstant().plus(Duration.ofDays(30));
        assertThat(expiresAt).isEqualTo(sessionEnds);
    }

    @Test
    void aSignInWithinItsLifetimeRefreshesAsBefore() {
        User user = api.register("Rita Recent");
        beganAgo(user.refreshToken(), Duration.ofDays(29).plusHours(23));

        assertThat(refresh(user.refreshToken()).text("accessToken")).isNotBlank();
    }

    private Response refresh(String refreshToken) {
        Response response = api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private String family(String refreshToken) {
        return jdbc.queryForObject("select family_id from refresh_token where token_hash = ?", String.class,
                SecretTokens.hash(refreshToken));
    }

    /** Moves every token of the sign-in back, so that it began this long ago; the newest stays unexpired. */
    private void beganAgo(String refreshToken, Duration age) {
        String family = family(refreshToken);
        jdbc.update("update refresh_token set created_at = created_at - make_interval(secs => ?) where family_id = ?",
                (double) age.toSeconds(), family);
    }
}
