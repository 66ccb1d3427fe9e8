package dev.tenantry.infra.security;

import dev.tenantry.infra.config.TenantryProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JwtSecretTest {

    @TempDir
    Path tempDir;

    @Test
    void withoutAConfiguredSecretOneIsGeneratedIntoTheDataDirReadableByTheOwnerOnly() throws Exception {
        Path dataDir = tempDir.resolve("not-yet-created");
        TenantryProperties properties = properties(dataDir, null);

        byte[] secret = JwtSecret.resolve(properties);

        assertThat(secret).hasSizeGreaterThanOrEqualTo(JwtSecret.MIN_BYTES);
        Path file = dataDir.resolve("jwt-secret");
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Base64.getDecoder().decode(Files.readString(file).strip())).isEqualTo(secret);
    }

    @Test
    void theGeneratedSecretIsReusedOnTheNextCall() {
        TenantryProperties properties = properties(tempDir, null);

        byte[] first = JwtSecret.resolve(properties);
        byte[] second = JwtSecret.resolve(properties);

        assertThat(second).isEqualTo(first);
        // A fresh data dir gets a different secret: the bytes are random, not a constant.
        assertThat(JwtSecret.resolve(properties(tempDir.resolve("other"), null))).isNotEqualTo(first);
    }

    @Test
    void aBlankSecretCountsAsNotConfigured() {
        byte[] secret = JwtSecret.resolve(properties(tempDir, "   "));

        assertThat(secret).hasSizeGreaterThanOrEqualTo(JwtSecret.MIN_BYTES);
        assertThat(tempDir.resolve("jwt-secret")).isRegularFile();
    }

    @Test
    void aConfiguredSecretIsUsedAsIsAndNothingIsWritten() {
        String configured = "a".repeat(JwtSecret.MIN_BYTES);

        byte[] secret = JwtSecret.resolve(properties(tempDir, configured));

        assertThat(secret).isEqualTo(configured.getBytes(StandardCharsets.UTF_8));
        assertThat(tempDir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void aConfiguredSecretShorterThan32BytesFails() {
        TenantryProperties properties = properties(tempDir, "b".repeat(JwtSecret.MIN_BYTES - 1));

        assertThatThrownBy(() -> JwtSecret.resolve(properties))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("tenantry.jwt.secret");
        assertThat(tempDir.resolve("jwt-secret")).doesNotExist();
    }

    @Test
    void aStoredSecretThatIsTooShortFailsWithAClearMessage() throws Exception {
        Files.writeString(tempDir.resolve("jwt-secret"), "c2hvcnQ=");

        assertThatThrownBy(() -> JwtSecret.resolve(properties(tempDir, null)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("holds no usable JWT secret");
    }

    private static TenantryProperties properties(Path dataDir, String secret) {
        return new TenantryProperties(dataDir, List.of(),
                new TenantryProperties.Jwt(secret, Duration.ofMinutes(15), Duration.ofDays(30), "tenantry",
                        Duration.ofDays(30)),
                new TenantryProperties.Auth(12, Duration.ofHours(48), Duration.ofHours(1)),
                new TenantryProperties.EmbeddedPostgres(0, List.of()), "http://localhost:8080",
                new TenantryProperties.Mail("Tenantry <no-reply@localhost>", null, 8, Duration.ofSeconds(30),
                        Duration.ofSeconds(5)), new TenantryProperties.Invitations(Duration.ofDays(7)),
                new TenantryProperties.Pools(10, 6, 3));
    }
}
