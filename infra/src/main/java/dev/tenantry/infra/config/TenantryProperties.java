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
 */
@ConfigurationProperties("tenantry")
public record TenantryProperties(@DefaultValue("./tenantry-data") Path dataDir,
                                 @DefaultValue List<String> platformAdmins,
                                 @DefaultValue Jwt jwt,
                                 @DefaultValue Auth auth,
                                 @DefaultValue EmbeddedPostgres embeddedPostgres) {

    /**
     * @param secret          HMAC signing secret (at least 32 bytes); generated into the data dir when absent
     * @param accessTokenTtl  lifetime of an access token
     * @param refreshTokenTtl lifetime of a refresh token (each refresh rotates it)
     * @param issuer          the {@code iss} claim written and required
     */
    public record Jwt(String secret,
                      @DefaultValue("15m") Duration accessTokenTtl,
                      @DefaultValue("30d") Duration refreshTokenTtl,
                      @DefaultValue("tenantry") String issuer) {
    }

    /** @param minPasswordLength passwords shorter than this are refused at registration */
    public record Auth(@DefaultValue("12") int minPasswordLength) {
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
