package dev.tenantry.command.identity;

import dev.tenantry.api.DomainException;

import java.nio.charset.StandardCharsets;

/** What a new password must be, at registration and at a reset alike. */
final class PasswordPolicy {

    /** bcrypt reads at most 72 bytes; a longer password would be silently truncated. */
    static final int BCRYPT_MAX_BYTES = 72;

    private final int minLength;

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    void check(String password) {
        if (password.codePointCount(0, password.length()) < minLength) {
            throw invalid("password must be at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > BCRYPT_MAX_BYTES) {
            throw invalid("password must be at most " + BCRYPT_MAX_BYTES + " bytes");
        }
    }

    private static DomainException invalid(String message) {
        return DomainException.invalid("validation-failed", "password", message);
    }
}
