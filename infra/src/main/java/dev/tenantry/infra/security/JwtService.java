package dev.tenantry.infra.security;

import dev.tenantry.infra.config.TenantryProperties;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import javax.crypto.SecretKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/** Issues and verifies access tokens (HS256, jjwt). */
@Component
public class JwtService {

    private static final String EMAIL = "email";

    private final SecretKey key;
    private final String issuer;
    private final Duration ttl;
    private final TenantryProperties properties;
    private final Clock clock;

    @Autowired
    JwtService(TenantryProperties properties) {
        this(properties, Clock.systemUTC());
    }

    JwtService(TenantryProperties properties, Clock clock) {
        this.key = Keys.hmacShaKeyFor(JwtSecret.resolve(properties));
        this.issuer = properties.jwt().issuer();
        this.ttl = properties.jwt().accessTokenTtl();
        this.properties = properties;
        this.clock = clock;
    }

    public String issue(String userId, String email) {
        Instant now = clock.instant();
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(issuer)
                .subject(userId)
                .claim(EMAIL, email)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    public Duration ttl() {
        return ttl;
    }

    /** Empty for a token that is malformed, forged, expired or from another issuer. */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            Claims claims = Jwts.parser()
                    .verifyWith(key)
                    .requireIssuer(issuer)
                    .clock(() -> Date.from(clock.instant()))
                    .build()
                    .parseSignedClaims(token)
                    .getPayload();
            String email = claims.get(EMAIL, String.class);
            return Optional.of(new AuthenticatedUser(claims.getSubject(), email, properties.isPlatformAdmin(email)));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
