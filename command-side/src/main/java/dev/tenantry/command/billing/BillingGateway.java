package dev.tenantry.command.billing;

import dev.tenantry.api.billing.StripeSubscriptionSnapshot;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The billing provider (Stripe), as the write model needs it. Every call that creates or changes something takes
 * an idempotency key, so that a retried call after a timeout does the thing once.
 * <p>
 * Failures are {@link BillingGatewayException}s that say whether retrying may help.
 */
public interface BillingGateway {

    /**
     * The organization's customer: {@code existingCustomerId} if given, else a new one with the organization id in
     * its metadata ({@code organization_id}).
     */
    String ensureCustomer(String organizationId, String existingCustomerId, String idempotencyKey);

    /**
     * A Checkout Session in subscription mode for one unit of {@code priceId}, with {@code client_reference_id}
     * and the subscription's metadata ({@code organization_id}) set to the organization id.
     */
    CheckoutSession createCheckoutSession(String customerId, String priceId, String organizationId,
                                          String idempotencyKey);

    /** @return empty when Stripe does not know the subscription */
    Optional<StripeSubscriptionSnapshot> fetchSubscription(String stripeSubscriptionId);

    /** The customer's subscriptions, newest first (for reconciling an organization from scratch). */
    List<StripeSubscriptionSnapshot> subscriptionsOf(String customerId);

    /** Moves the subscription's item to another price, prorated. */
    StripeSubscriptionSnapshot changePrice(String stripeSubscriptionId, String priceId, String idempotencyKey);

    /** Cancels at the end of the current period ({@code true}) or takes that back ({@code false}). */
    StripeSubscriptionSnapshot setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancel, String idempotencyKey);

    /** Cancels now (the organization was closed). */
    StripeSubscriptionSnapshot cancelNow(String stripeSubscriptionId, String idempotencyKey);

    /** A billing-portal session URL for the customer, returning to {@code returnUrl}. */
    String createPortalSession(String customerId, String returnUrl);

    record CheckoutSession(String id, String url, Instant expiresAt) {
    }
}
