package dev.tenantry.command.identity;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LoginLockoutsTest {

    private static final IdentitySettings.Lockouts SETTINGS = new IdentitySettings.Lockouts(true, 5,
            Duration.ofMinutes(15), Duration.ofMinutes(1), Duration.ofHours(1));

    @Test
    void eachFurtherLockoutLastsTwiceAsLongUpToTheLongest() {
        assertThat(LoginLockouts.lockoutLength(SETTINGS, 1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(LoginLockouts.lockoutLength(SETTINGS, 2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(LoginLockouts.lockoutLength(SETTINGS, 3)).isEqualTo(Duration.ofMinutes(4));
        assertThat(LoginLockouts.lockoutLength(SETTINGS, 6)).isEqualTo(Duration.ofMinutes(32));
        assertThat(LoginLockouts.lockoutLength(SETTINGS, 7)).isEqualTo(Duration.ofHours(1));
    }

    /** A guesser who keeps at it for years gets the longest lock-out, not an overflow. */
    @Test
    void theLongestLockoutHoldsHoweverManyCameBefore() {
        assertThat(LoginLockouts.lockoutLength(SETTINGS, Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void aFirstLockoutLongerThanTheLongestIsCutToIt() {
        IdentitySettings.Lockouts settings = new IdentitySettings.Lockouts(true, 5, Duration.ofMinutes(15),
                Duration.ofHours(2), Duration.ofHours(1));
        assertThat(LoginLockouts.lockoutLength(settings, 1)).isEqualTo(Duration.ofHours(1));
    }
}
