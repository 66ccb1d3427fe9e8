package dev.tenantry.infra.identity;

import dev.tenantry.command.identity.IdentitySettings;
import dev.tenantry.command.identity.SignIns;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.security.SessionCheck;
import dev.tenantry.infra.web.RateLimitProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The identity rules (command-side) with their settings from tenantry.auth, tenantry.jwt and tenantry.rate-limits. */
@Configuration
class IdentityConfiguration {

    @Bean
    IdentitySettings identitySettings(TenantryProperties properties, RateLimitProperties rateLimits) {
        RateLimitProperties.FailedLogins failedLogins = rateLimits.failedLogins();
        return new IdentitySettings(properties.auth().minPasswordLength(), properties.auth().emailVerificationTtl(),
                properties.auth().passwordResetTtl(), properties.jwt().refreshTokenTtl(),
                properties.jwt().sessionMaxAge(),
                new IdentitySettings.Lockouts(rateLimits.enabled(), failedLogins.maxFailures(), failedLogins.window(),
                        failedLogins.lockout(), failedLogins.maxLockout()));
    }

    @Bean
    SessionCheck sessionCheck(SignIns signIns) {
        return signIns::isActive;
    }
}
