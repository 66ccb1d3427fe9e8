package dev.tenantry.command.identity;

import java.time.Duration;

/**
 * The identity rules' settings, as the application configures them.
 *
 * @param sessionMaxAge how long a sign-in lasts at most, however often it is refreshed
 * @param lockouts      failed sign-ins per email
 */
public record IdentitySettings(int minPasswordLength, Duration emailVerificationTtl, Duration passwordResetTtl,
                               Duration refreshTokenTtl, Duration sessionMaxAge, Lockouts lockouts) {

    /**
     * @param enabled     false: failed sign-ins lock nothing
     * @param maxFailures failed sign-ins, each within {@code window} of the one before, that lock the email
     * @param lockout     how long the first lock-out lasts; each further one (until a successful sign-in) doubles
     * @param maxLockout  the longest a lock-out lasts
     */
    public record Lockouts(boolean enabled, int maxFailures, Duration window, Duration lockout, Duration maxLockout) {
    }
}
