package dev.tenantry.query.billing;

import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.SubscriptionView;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Optional;

/**
 * The outcome of a checkout that the checkout saga prepares at Stripe, for whoever asked for it and waits: the
 * subscriptions read model shows the checkout of this id open (with its URL) or failed once the saga is done.
 */
@Component
public class CheckoutOutcomes {

    /** The read model is read this often while waiting; creating a customer and a session takes hundreds of ms. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final SubscriptionRowRepository subscriptions;

    CheckoutOutcomes(SubscriptionRowRepository subscriptions) {
        this.subscriptions = subscriptions;
    }

    public sealed interface Outcome {
    }

    public record Open(SubscriptionView.Checkout checkout) implements Outcome {
    }

    public record Failed(SubscriptionView.Checkout checkout) implements Outcome {
    }

    /** The saga has not opened nor failed the checkout within the wait. */
    public record Pending() implements Outcome {
    }

    /** The read model holds no subscription for the organization. */
    public record NoSubscription() implements Outcome {
    }

    public Outcome await(String organizationId, String checkoutId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            Optional<SubscriptionView> subscription = subscriptions.findById(organizationId)
                    .map(SubscriptionRow::toView);
            if (subscription.isEmpty()) {
                return new NoSubscription();
            }
            SubscriptionView.Checkout checkout = subscription.get().checkout();
            if (checkout != null && checkout.id().equals(checkoutId)) {
                if (checkout.status() == CheckoutStatus.OPEN) {
                    return new Open(checkout);
                }
                if (checkout.status() == CheckoutStatus.FAILED) {
                    return new Failed(checkout);
                }
            }
            if (System.nanoTime() > deadline) {
                return new Pending();
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the checkout", e);
        }
    }
}
