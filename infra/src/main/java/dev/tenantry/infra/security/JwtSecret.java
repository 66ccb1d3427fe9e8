package dev.tenantry.infra.security;

import dev.tenantry.infra.config.TenantryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The HMAC key for access tokens: {@code tenantry.jwt.secret} when set; otherwise one generated on first start
 * and kept in the data dir, so that tokens survive a restart of a local run.
 */
final class JwtSecret {

    private static final Logger log = LoggerFactory.getLogger(JwtSecret.class);
    static final int MIN_BYTES = 32;

    private JwtSecret() {
    }

    static byte[] resolve(TenantryProperties properties) {
        String configured = properties.jwt().secret();
        if (configured != null && !configured.isBlank()) {
            byte[] bytes = configured.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw new IllegalStateException("tenantry.jwt.secret must be at least " + MIN_BYTES
                        + " bytes (HS256 needs a 256-bit key)");
            }
            return bytes;
        }
        Path file = properties.dataDir().resolve("jwt-secret");
        try {
            if (Files.exists(file)) {
                log.warn("tenantry.jwt.secret is not set: using the generated secret in {}. "
                        + "Set tenantry.jwt.secret in production.", file.toAbsolutePath());
                byte[] stored = Base64.getDecoder().decode(Files.readString(file).strip());
                if (stored.length < MIN_BYTES) {
                    throw new IllegalStateException(file.toAbsolutePath() + " holds no usable JWT secret; delete it "
                            + "to generate a new one (signed-in users will have to sign in again)");
                }
                return stored;
            }
            byte[] secret = new byte[64];
            new SecureRandom().nextBytes(secret);
            Files.createDirectories(file.getParent());
            createOwnerOnly(file);
            Files.writeString(file, Base64.getEncoder().encodeToString(secret));
            log.warn("tenantry.jwt.secret is not set: generated a secret and stored it in {}. "
                    + "Set tenantry.jwt.secret in production.", file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read or create the JWT secret in " + file, e);
        }
    }

    /** Created readable by the owner only before the secret is written, so it is never briefly world-readable. */
    private static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file); // Windows: the file inherits the data dir's ACL.
        }
    }
}
