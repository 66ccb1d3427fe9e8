package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.infra.web.ApiException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared test context has a signing secret; this is the endpoint without one. */
class StripeWebhookControllerTest {

    @Test
    void withoutASigningSecretEveryDeliveryIsRefusedAsBillingNotConfiguredAndCounted() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        StripeWebhookController controller = new StripeWebhookController(null, new ObjectMapper(),
                new StripeProperties(null, " ", "https://api.stripe.com", java.time.Duration.ofSeconds(10), 0), meters,
                java.time.Clock.systemUTC());
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> controller.receive(StripeSigning.header("whsec_any", 1, "{}"), body))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(e.code()).isEqualTo("billing-not-configured");
                });
        assertThat(meters.get(StripeWebhookController.METER)
                .tags("outcome", "billing-not-configured", "type", StripeWebhookController.UNKNOWN_TYPE)
                .counter().count()).isEqualTo(1);
    }
}
