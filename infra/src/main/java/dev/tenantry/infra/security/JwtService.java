package dev.tenantry.infra.security;

import dev.tenantry.command.identity.AccessTokens;
import dev.tenantry.infra.config.TenantryProperties;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/** Issues and verifies access tokens (HS256, jjwt). */
@Component
public class JwtService implements AccessTokens {

    private static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";
    static final String SESSION = "sid";

    private final SecretKey key;
    private final String issuer;
    private final Duration ttl;
    private final TenantryProperties properties;
    private final Clock clock;
    /** Immutable and thread-safe: built once, not per request. It asks the clock at each verification. */
    private final JwtParser parser;

    JwtService(TenantryProperties properties, Clock clock) {
        this.key = Keys.hmacShaKeyFor(JwtSecret.resolve(properties));
        this.issuer = properties.jwt().issuer();
        this.ttl = properties.jwt().accessTokenTtl();
        this.properties = properties;
        this.clock = clock;
        this.parser = Jwts.parser()
                .verifyWith(key)
                .requireIssuer(issuer)
                .clock(() -> Date.from(clock.instant()))
                .build();
    }

    /**
     * @param emailVerified whether the user proved they own the email (platform-admin rights need it)
     * @param sessionId     the sign-in (refresh-token family): the token ends with it, see {@link SessionCheck}
     */
    @Override
    public String issue(String userId, String email, boolean emailVerified, String sessionId) {
        Instant now = clock.instant();
        return Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer(issuer)
                .subject(userId)
                .claim(EMAIL, email)
                .claim(EMAIL_VERIFIED, emailVerified)
                .claim(SESSION, sessionId)
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(ttl)))
                .signWith(key, Jwts.SIG.HS256)
                .compact();
    }

    @Override
    public Duration ttl() {
        return ttl;
    }

    /**
     * A 256-bit key for another purpose, derived from the JWT secret so that a deployment has only one secret to
     * keep (and a local run's generated one serves for everything). HMAC under a purpose label makes it independent
     * of the signing key and of every other purpose's key; the secret itself never leaves this class.
     */
    public byte[] deriveKey(String purpose) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
            return mac.doFinal(("tenantry/" + purpose).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }

    /** Empty for a token that is malformed, forged, expired or from another issuer. */
    public Optional<AuthenticatedUser> verify(String token) {
        try {
            Claims claims = parser.parseSignedClaims(token).getPayload();
            String email = claims.get(EMAIL, String.class);
            // Whoever registers a listed email first must not become admin before proving they own that mailbox.
            boolean verified = Boolean.TRUE.equals(claims.get(EMAIL_VERIFIED, Boolean.class));
            return Optional.of(new AuthenticatedUser(claims.getSubject(), email,
                    verified && properties.isPlatformAdmin(email), claims.get(SESSION, String.class)));
        } catch (JwtException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
