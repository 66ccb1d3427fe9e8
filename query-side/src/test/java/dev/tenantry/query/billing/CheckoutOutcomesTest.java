package dev.tenantry.query.billing;

import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.SubscriptionStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Which state of the subscriptions read model is the outcome of the checkout a request started. */
class CheckoutOutcomesTest {

    private static final String ORG = "org-1";
    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final SubscriptionRowRepository subscriptions = mock(SubscriptionRowRepository.class);
    private final CheckoutOutcomes outcomes = new CheckoutOutcomes(subscriptions);

    @Test
    void theCheckoutOpenedOnceTheSagaHasItsSession() {
        SubscriptionRow requested = requested("co-1");
        SubscriptionRow opened = requested("co-1");
        opened.checkoutOpened("co-1", "cus_1", "https://checkout.stripe.com/c/pay/cs_1", AT.plusSeconds(3600), AT);
        when(subscriptions.findById(ORG)).thenReturn(Optional.of(requested), Optional.of(requested),
                Optional.of(opened));

        CheckoutOutcomes.Outcome outcome = outcomes.await(ORG, "co-1", WAIT);

        assertThat(outcome).isInstanceOf(CheckoutOutcomes.Open.class);
        assertThat(((CheckoutOutcomes.Open) outcome).checkout().url())
                .isEqualTo("https://checkout.stripe.com/c/pay/cs_1");
        assertThat(((CheckoutOutcomes.Open) outcome).checkout().expiresAt()).isEqualTo(AT.plusSeconds(3600));
    }

    @Test
    void aFailedCheckoutCarriesItsReason() {
        SubscriptionRow row = requested("co-1");
        row.checkoutEnded("co-1", CheckoutStatus.FAILED, "Stripe refused the checkout", AT);
        when(subscriptions.findById(ORG)).thenReturn(Optional.of(row));

        CheckoutOutcomes.Outcome outcome = outcomes.await(ORG, "co-1", WAIT);

        assertThat(outcome).isInstanceOf(CheckoutOutcomes.Failed.class);
        assertThat(((CheckoutOutcomes.Failed) outcome).checkout().failureReason())
                .isEqualTo("Stripe refused the checkout");
    }

    @Test
    void anotherCheckoutOrOneThatEndedOtherwiseLeavesThisOnePending() {
        SubscriptionRow other = requested("co-0");
        other.checkoutOpened("co-0", "cus_1", "https://checkout.stripe.com/c/pay/cs_0", AT.plusSeconds(3600), AT);
        when(subscriptions.findById(ORG)).thenReturn(Optional.of(other));

        assertThat(outcomes.await(ORG, "co-1", Duration.ofMillis(100))).isEqualTo(new CheckoutOutcomes.Pending());

        SubscriptionRow expired = requested("co-1");
        expired.checkoutEnded("co-1", CheckoutStatus.EXPIRED, null, AT);
        when(subscriptions.findById(ORG)).thenReturn(Optional.of(expired));

        assertThat(outcomes.await(ORG, "co-1", Duration.ZERO)).isEqualTo(new CheckoutOutcomes.Pending());
    }

    @Test
    void withoutASubscriptionThereIsNothingToWaitFor() {
        when(subscriptions.findById(ORG)).thenReturn(Optional.empty());

        assertThat(outcomes.await(ORG, "co-1", WAIT)).isEqualTo(new CheckoutOutcomes.NoSubscription());
    }

    private static SubscriptionRow requested(String checkoutId) {
        SubscriptionRow row = new SubscriptionRow(ORG, "sub-" + ORG, "free", SubscriptionStatus.FREE, AT);
        row.checkoutRequested(checkoutId, "pro", AT);
        return row;
    }
}
