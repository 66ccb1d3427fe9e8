package dev.tenantry.infra.security;

import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.testsupport.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An access token holds for its time to live on the app's clock, and no longer, whoever signed it. */
class JwtServiceTest {

    private static final Duration TTL = Duration.ofMinutes(15);

    private final MutableClock clock = new MutableClock(Clock.systemUTC().instant());

    @Test
    void aTokenHoldsUntilItsTimeToLiveHasPassedOnTheAppsClock() {
        JwtService tokens = new JwtService(properties("a-secret-of-at-least-thirty-two-bytes!!", "tenantry"), clock);
        String token = tokens.issue("user-1", "ana@example.com", true, "session-1");

        clock.advance(TTL.minusSeconds(1));
        assertThat(tokens.verify(token)).get().satisfies(user -> {
            assertThat(user.id()).isEqualTo("user-1");
            assertThat(user.sessionId()).isEqualTo("session-1");
        });

        clock.advance(Duration.ofSeconds(2));
        assertThat(tokens.verify(token)).isEmpty();
    }

    @Test
    void aTokenOfAnotherSecretOrIssuerIsRefused() {
        String secret = "a-secret-of-at-least-thirty-two-bytes!!";
        JwtService tokens = new JwtService(properties(secret, "tenantry"), clock);

        assertThat(tokens.verify(new JwtService(properties(secret + "?", "tenantry"), clock)
                .issue("user-1", "ana@example.com", true, "s"))).isEmpty();
        assertThat(tokens.verify(new JwtService(properties(secret, "someone-else"), clock)
                .issue("user-1", "ana@example.com", true, "s"))).isEmpty();
        assertThat(tokens.verify("not.a.token")).isEmpty();
    }

    private static TenantryProperties properties(String secret, String issuer) {
        return new TenantryProperties(java.nio.file.Path.of("unused"), List.of(),
                new TenantryProperties.Jwt(secret, TTL, Duration.ofDays(30), issuer, Duration.ofDays(30)),
                new TenantryProperties.Auth(12, Duration.ofHours(48), Duration.ofHours(1)),
                new TenantryProperties.EmbeddedPostgres(0, List.of()), "http://localhost:8080",
                new TenantryProperties.Mail("Tenantry <no-reply@localhost>", null, 8, Duration.ofSeconds(30),
                        Duration.ofSeconds(5)), new TenantryProperties.Invitations(Duration.ofDays(7)),
                new TenantryProperties.Pools(10, 6, 3));
    }

}
