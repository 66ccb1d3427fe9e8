package dev.tenantry.infra.billing;

import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.web.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;


/** Whether there is a Stripe gateway, decided the way the app decides it, without starting the application. */
@ExtendWith(OutputCaptureExtension.class)
class BillingAvailabilityTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({StripeProperties.class, TenantryProperties.class})
    static class Properties {
    }

    private final ApplicationContextRunner app = new ApplicationContextRunner()
            .withUserConfiguration(Properties.class, StripeConfiguration.class, UnconfiguredBillingGateway.class,
                    BillingAvailability.class)
            .withBean(Clock.class, Clock::systemUTC);

    @Test
    void withoutASecretKeyNothingReachesStripeAndBillingIsRefusedAs503BillingNotConfigured(CapturedOutput output) {
        app.run(context -> {
            // The sagas still get a gateway: one that refuses everything, never retried.
            assertThat(context.getBean(BillingGateway.class)).isInstanceOf(UnconfiguredBillingGateway.class);
            assertThat(context).doesNotHaveBean(StripeBillingGateway.class);
            BillingAvailability billing = context.getBean(BillingAvailability.class);
            assertThat(billing.configured()).isFalse();

            ApiException refusal = catchThrowableOfType(ApiException.class, billing::gateway);

            assertThat(refusal.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(refusal.code()).isEqualTo("billing-not-configured");
            assertThat(refusal.getMessage()).isEqualTo("billing not configured");
        });
        assertThat(output.getOut()).contains("Billing is not configured");
    }

    @Test
    void aBlankSecretKeyCountsAsNone() {
        app.withPropertyValues("tenantry.stripe.secret-key= ").run(context -> {
            assertThat(context).doesNotHaveBean(StripeBillingGateway.class);
            assertThat(context.getBean(BillingAvailability.class).configured()).isFalse();
        });
    }

    @Test
    void withASecretKeyBillingGoesToStripeAndTheKeyIsNotLogged(CapturedOutput output) {
        app.withPropertyValues("tenantry.stripe.secret-key=sk_test_availability_secret").run(context -> {
            assertThat(context).hasSingleBean(BillingGateway.class);
            BillingAvailability billing = context.getBean(BillingAvailability.class);
            assertThat(billing.configured()).isTrue();
            assertThat(billing.gateway()).isInstanceOf(StripeBillingGateway.class);
            assertThat(context.getBean(StripeProperties.class).toString())
                    .doesNotContain("sk_test_availability_secret");
        });
        assertThat(output.getOut()).contains("Billing is configured: Stripe at https://api.stripe.com")
                .doesNotContain("sk_test_availability_secret");
    }

    @Test
    void aNegativeRetryCountStopsTheApp() {
        app.withPropertyValues("tenantry.stripe.secret-key=sk_test_x", "tenantry.stripe.max-network-retries=-1")
                .run(context -> assertThat(context).hasFailed());
    }
}
