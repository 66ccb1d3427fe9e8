package dev.tenantry.infra.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/**
 * The one clock the app's own code reads "now" from (tokens, tickets, the mail outbox, dashboards' today, Stripe
 * signature tolerance), injected rather than taken from {@code Clock.systemUTC()} in each class, so that a test or
 * an embedding can drive time in one place. Event timestamps are Axon's ({@code GenericEventMessage.clock}).
 */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
