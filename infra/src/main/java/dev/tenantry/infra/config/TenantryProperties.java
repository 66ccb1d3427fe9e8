package dev.tenantry.infra.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Everything under {@code tenantry.*}. The README's configuration table lists the same properties; keep them
 * in step.
 *
 * @param dataDir        where local state lives: the embedded PostgreSQL's files and a generated JWT secret
 * @param platformAdmins emails of the users who get the platform-admin authority
 * @param publicUrl      where people reach the service (or a front end that serves its /api): mailed links start here
 */
@ConfigurationProperties("tenantry")
public record TenantryProperties(@DefaultValue("./tenantry-data") Path dataDir,
                                 @DefaultValue List<String> platformAdmins,
                                 @DefaultValue Jwt jwt,
                                 @DefaultValue Auth auth,
                                 @DefaultValue EmbeddedPostgres embeddedPostgres,
                                 @DefaultValue("http://localhost:8080") String publicUrl,
                                 @DefaultValue Mail mail,
                                 @DefaultValue Invitations invitations,
                                 @DefaultValue Pools pools) {

    /**
     * @param secret          HMAC signing secret (at least 32 bytes); generated into the data dir when absent
     * @param accessTokenTtl  lifetime of an access token
     * @param refreshTokenTtl lifetime of a refresh token (each refresh rotates it)
     * @param issuer          the {@code iss} claim written and required
     * @param sessionMaxAge   how long a sign-in lasts at most, however often it is refreshed
     */
    public record Jwt(String secret,
                      @DefaultValue("15m") Duration accessTokenTtl,
                      @DefaultValue("30d") Duration refreshTokenTtl,
                      @DefaultValue("tenantry") String issuer,
                      @DefaultValue("30d") Duration sessionMaxAge) {
    }

    /**
     * @param minPasswordLength     passwords shorter than this are refused (registration, password reset)
     * @param emailVerificationTtl  how long the link of an email verification mail works
     * @param passwordResetTtl      how long the link of a password reset mail works
     */
    public record Auth(@DefaultValue("12") int minPasswordLength,
                       @DefaultValue("48h") Duration emailVerificationTtl,
                       @DefaultValue("1h") Duration passwordResetTtl) {
    }

    /**
     * The mail outbox. SMTP itself is Spring Boot's {@code spring.mail.*}; without {@code spring.mail.host} mails
     * are logged instead of sent.
     *
     * @param from         the From address
     * @param tokenKey     secret (at least 32 bytes) from which the key that encrypts tokens waiting in the outbox
     *                     is derived; when unset it is derived from the JWT secret
     * @param maxAttempts  SMTP attempts per mail before it is given up as FAILED
     * @param retryBackoff wait after the first failed attempt; it doubles with every further one (at most 1 h)
     * @param pollInterval how often due mails (retries, and any whose after-commit trigger was lost) are looked for
     */
    public record Mail(@DefaultValue("Tenantry <no-reply@localhost>") String from,
                       String tokenKey,
                       @DefaultValue("8") int maxAttempts,
                       @DefaultValue("30s") Duration retryBackoff,
                       @DefaultValue("5s") Duration pollInterval) {
    }

    /**
     * Database connections of this node, per kind of work; each kind has its own pool, so that none can take
     * every connection. Mind PostgreSQL's {@code max_connections} (100 by default) across all nodes.
     *
     * @param requests   HTTP requests (commands and queries)
     * @param background event processors, sagas, snapshots
     * @param streams    long streamed reads: audit export, verify and point-in-time state
     */
    public record Pools(@DefaultValue("10") int requests,
                        @DefaultValue("6") int background,
                        @DefaultValue("3") int streams) {
    }

    /** @param ttl how long an invitation (and each resent link) stays valid before it expires */
    public record Invitations(@DefaultValue("7d") Duration ttl) {
    }

    /**
     * Used only when no {@code spring.datasource.url} is set.
     *
     * @param port     0 picks a free port at every start
     * @param settings extra server settings as {@code name=value}, e.g. {@code fsync=off} for throwaway data
     */
    public record EmbeddedPostgres(@DefaultValue("0") int port, @DefaultValue List<String> settings) {
    }

    public boolean isPlatformAdmin(String email) {
        return email != null && platformAdmins.stream()
                .anyMatch(admin -> admin.strip().toLowerCase(Locale.ROOT).equals(email));
    }
}
