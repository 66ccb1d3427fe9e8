package dev.tenantry.infra.identity;

import dev.tenantry.api.DomainException;
import dev.tenantry.infra.config.TenantryProperties;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;

/** What a new password must be, at registration and at a reset alike. */
@Component
class PasswordPolicy {

    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated. */
    static final int BCRYPT_MAX_BYTES = 72;

    private final TenantryProperties properties;

    PasswordPolicy(TenantryProperties properties) {
        this.properties = properties;
    }

    void check(String password) {
        int min = properties.auth().minPasswordLength();
        if (password.codePointCount(0, password.length()) < min) {
            throw invalid("password must be at least " + min + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw invalid("password must be at most " + BCRYPT_MAX_BYTES + " bytes");
        }
    }

    private static DomainException invalid(String message) {
        return DomainException.invalid("validation-failed", "password", message);
    }
}
