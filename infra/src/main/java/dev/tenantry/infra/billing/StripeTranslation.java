package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;

import java.time.Instant;
import java.util.Optional;

import static dev.tenantry.infra.billing.StripeEvent.epoch;
import static dev.tenantry.infra.billing.StripeEvent.idOf;
import static dev.tenantry.infra.billing.StripeEvent.text;

/**
 * The one place where Stripe's objects become ours: the gateway (stripe-java's objects), the webhook path (an
 * event's JSON payload) and reconciliation all build their {@link StripeSubscriptionSnapshot}s here, so Stripe's
 * own names ({@code "past_due"}, {@code "incomplete_expired"}) never reach the shared API or the write model.
 */
final class StripeTranslation {

    private StripeTranslation() {
    }

    /** Stripe's subscription statuses, as ours. */
    static SubscriptionStatus status(String stripeStatus) {
        return switch (stripeStatus == null ? "" : stripeStatus) {
            case "trialing" -> SubscriptionStatus.TRIALING;
            case "active" -> SubscriptionStatus.ACTIVE;
            case "past_due" -> SubscriptionStatus.PAST_DUE;
            case "unpaid", "paused" -> SubscriptionStatus.UNPAID;
            case "canceled", "incomplete_expired" -> SubscriptionStatus.CANCELED;
            default -> SubscriptionStatus.CHECKOUT_PENDING; // incomplete: the first payment is not through yet
        };
    }

    /**
     * Stripe's name for one of our statuses, where a response shows Stripe's view (admin reconciliation). Not the
     * inverse of {@link #status}: paused reads as unpaid, incomplete_expired as canceled.
     */
    static String stripeName(SubscriptionStatus status) {
        return switch (status) {
            case TRIALING -> "trialing";
            case ACTIVE -> "active";
            case PAST_DUE -> "past_due";
            case UNPAID -> "unpaid";
            case CANCELED -> "canceled";
            case CHECKOUT_PENDING, FREE -> "incomplete";
        };
    }

    /**
     * A stripe-java subscription. Since API version 2025-03-31 the period belongs to each item, not to the
     * subscription (stripe-java 33 has no subscription-level period any more); with one item per subscription, the
     * item's period is the subscription's.
     */
    static StripeSubscriptionSnapshot snapshot(Subscription subscription, Instant observedAt) {
        SubscriptionItem item = subscription.getItems() == null || subscription.getItems().getData() == null
                || subscription.getItems().getData().isEmpty() ? null : subscription.getItems().getData().get(0);
        String priceId = item != null && item.getPrice() != null ? item.getPrice().getId() : null;
        Instant periodEnd = item != null && item.getCurrentPeriodEnd() != null
                ? Instant.ofEpochSecond(item.getCurrentPeriodEnd()) : null;
        return new StripeSubscriptionSnapshot(subscription.getId(), subscription.getCustomer(),
                status(subscription.getStatus()), priceId, periodEnd,
                Boolean.TRUE.equals(subscription.getCancelAtPeriodEnd()), observedAt);
    }

    /**
     * A subscription as an event's payload shows it. The period end moved from the subscription to its items in
     * newer API versions; either is read.
     */
    static StripeSubscriptionSnapshot snapshot(JsonNode subscription, Instant observedAt) {
        JsonNode item = subscription.path("items").path("data").path(0);
        String priceId = Optional.ofNullable(idOf(item, "price")).orElse(idOf(item, "plan"));
        Instant periodEnd = Optional.ofNullable(epoch(item, "current_period_end"))
                .orElse(epoch(subscription, "current_period_end"));
        return new StripeSubscriptionSnapshot(text(subscription, "id"), idOf(subscription, "customer"),
                status(text(subscription, "status")), priceId, periodEnd,
                subscription.path("cancel_at_period_end").asBoolean(false), observedAt);
    }
}
