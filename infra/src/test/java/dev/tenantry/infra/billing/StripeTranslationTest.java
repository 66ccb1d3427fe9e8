package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.stripe.model.Subscription;
import com.stripe.net.ApiResource;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Stripe's names become ours in one place, and the webhook path and the gateway read a subscription alike. */
class StripeTranslationTest {

    @Test
    void everyStripeStatusIsOneOfOurs() {
        assertThat(StripeTranslation.status("trialing")).isEqualTo(SubscriptionStatus.TRIALING);
        assertThat(StripeTranslation.status("active")).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(StripeTranslation.status("past_due")).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(StripeTranslation.status("unpaid")).isEqualTo(SubscriptionStatus.UNPAID);
        assertThat(StripeTranslation.status("paused")).isEqualTo(SubscriptionStatus.UNPAID);
        assertThat(StripeTranslation.status("canceled")).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(StripeTranslation.status("incomplete_expired")).isEqualTo(SubscriptionStatus.CANCELED);
        assertThat(StripeTranslation.status("incomplete")).isEqualTo(SubscriptionStatus.CHECKOUT_PENDING);
        assertThat(StripeTranslation.status(null)).isEqualTo(SubscriptionStatus.CHECKOUT_PENDING);
    }

    @Test
    void aWebhooksPayloadAndStripeJavasObjectOfTheSameSubscriptionAreTheSameSnapshot() {
        ObjectNode json = TestStripe.fixture("subscription").put("id", "sub_1").put("customer", "cus_1")
                .put("status", "past_due").put("cancel_at_period_end", true);
        ObjectNode item = (ObjectNode) json.path("items").path("data").get(0);
        item.put("current_period_end", 1_800_000_000L);
        ((ObjectNode) item.path("price")).put("id", "price_pro");
        Instant observedAt = Instant.parse("2026-11-01T00:00:00Z");

        StripeSubscriptionSnapshot fromWebhook = StripeTranslation.snapshot(json, observedAt);
        StripeSubscriptionSnapshot fromGateway = StripeTranslation.snapshot(
                ApiResource.GSON.fromJson(json.toString(), Subscription.class), observedAt);

        assertThat(fromWebhook).isEqualTo(fromGateway).isEqualTo(new StripeSubscriptionSnapshot("sub_1", "cus_1",
                SubscriptionStatus.PAST_DUE, "price_pro", Instant.ofEpochSecond(1_800_000_000L), true, observedAt));
    }
}
