package dev.tenantry.infra.security;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * bcrypt, timed: {@code tenantry_password_hashing_seconds} counts every hash and check by what it was for. Password
 * hashing is the most expensive thing a request can make the service do, on purpose; a rise without a rise in
 * sign-ins is someone guessing, and the count shows that refused requests cost none.
 */
final class TimedPasswordEncoder implements PasswordEncoder {

    private final PasswordEncoder bcrypt;
    private final Timer hashes;
    private final Timer checks;

    TimedPasswordEncoder(PasswordEncoder bcrypt, MeterRegistry registry) {
        this.bcrypt = bcrypt;
        this.hashes = timer(registry, "hash");
        this.checks = timer(registry, "check");
    }

    private static Timer timer(MeterRegistry registry, String operation) {
        return Timer.builder("tenantry.password.hashing")
                .description("bcrypt work: new password hashes and password checks")
                .tag("operation", operation)
                .register(registry);
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return hashes.record(() -> bcrypt.encode(rawPassword));
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        Boolean matches = checks.record(() -> bcrypt.matches(rawPassword, encodedPassword));
        return Boolean.TRUE.equals(matches);
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return bcrypt.upgradeEncoding(encodedPassword);
    }
}
