package dev.tenantry.infra.billing;

import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.infra.config.TenantryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The Stripe adapter exists only with a secret key; without one, {@link BillingAvailability} answers for it. */
@Configuration(proxyBeanMethods = false)
class StripeConfiguration {

    @Bean
    @Conditional(StripeConfiguredCondition.class)
    BillingGateway stripeBillingGateway(StripeProperties stripe, TenantryProperties tenantry, Clock clock) {
        return new StripeBillingGateway(stripe, tenantry.publicUrl(), clock);
    }
}
