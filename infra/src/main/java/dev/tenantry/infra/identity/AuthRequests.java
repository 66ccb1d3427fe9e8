package dev.tenantry.infra.identity;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Request bodies of the /api/auth endpoints. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Register(@NotBlank @Email @Size(max = 254) String email,
                    @NotBlank @Size(max = 200) String password,
                    @NotBlank @Size(max = 100) String displayName) {

        /** " Ana@Example.com " is a typo of a valid address, not an invalid one. */
        Register {
            email = email == null ? null : email.strip();
        }
    }

    record Login(@NotBlank @Size(max = 254) String email,
                 @NotBlank @Size(max = 200) String password) {
    }

    record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record VerifyEmail(@NotBlank @Size(max = 200) String token) {
    }

    record PasswordReset(@NotBlank @Size(max = 254) String email) {
    }

    record PasswordResetConfirm(@NotBlank @Size(max = 200) String token,
                                @NotBlank @Size(max = 200) String password) {
    }
}
