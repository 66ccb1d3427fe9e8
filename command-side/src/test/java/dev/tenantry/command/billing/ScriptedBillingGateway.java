package dev.tenantry.command.billing;

import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The gateway's contract for the sagas' tests: queues of failures to throw before succeeding, and a record of
 * the idempotency keys and subscription ids it was called with. The Stripe adapter itself is tested against an
 * HTTP stand-in.
 */
final class ScriptedBillingGateway implements BillingGateway {

    /** When Stripe expires the sessions it creates: a day after the fixture's "now", whatever the date. */
    final Instant sessionExpires;

    final Deque<BillingGatewayException> failures = new ArrayDeque<>();
    final List<String> idempotencyKeys = new ArrayList<>();
    /** What fetching a subscription throws, in turn, before it answers {@link #subscription}. */
    final Deque<RuntimeException> fetchFailures = new ArrayDeque<>();
    /** Stripe's current state of the subscription; {@code null} when Stripe does not know it. */
    StripeSubscriptionSnapshot subscription;
    final List<String> fetched = new ArrayList<>();

    /** When changes answer that the current period ends, and when they say Stripe stated it. */
    final Instant periodEnd;
    final Instant now;

    ScriptedBillingGateway(Instant now) {
        this.now = now;
        this.sessionExpires = now.plus(Duration.ofDays(1));
        this.periodEnd = now.plus(Duration.ofDays(30));
    }

    ScriptedBillingGateway failing(int times, boolean retryable) {
        for (int i = 0; i < times; i++) {
            failures.add(new BillingGatewayException("stripe said no", retryable, null));
        }
        return this;
    }

    @Override
    public String ensureCustomer(String organizationId, String existingCustomerId, String idempotencyKey) {
        idempotencyKeys.add(idempotencyKey);
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        return existingCustomerId != null ? existingCustomerId : "cus_" + organizationId;
    }

    @Override
    public CheckoutSession createCheckoutSession(String customerId, String priceId, String organizationId,
                                                 String idempotencyKey) {
        idempotencyKeys.add(idempotencyKey);
        return new CheckoutSession("cs_" + organizationId, "https://checkout.stripe.test/" + organizationId,
                sessionExpires);
    }

    ScriptedBillingGateway fetchFailing(int times, boolean retryable) {
        for (int i = 0; i < times; i++) {
            fetchFailures.add(new BillingGatewayException("stripe unreachable", retryable, null));
        }
        return this;
    }

    @Override
    public Optional<StripeSubscriptionSnapshot> fetchSubscription(String stripeSubscriptionId) {
        fetched.add(stripeSubscriptionId);
        if (!fetchFailures.isEmpty()) {
            throw fetchFailures.poll();
        }
        return Optional.ofNullable(subscription);
    }

    @Override
    public List<StripeSubscriptionSnapshot> subscriptionsOf(String customerId) {
        throw unexpected();
    }

    @Override
    public StripeSubscriptionSnapshot changePrice(String stripeSubscriptionId, String priceId, String idempotencyKey) {
        return change(stripeSubscriptionId, priceId, false, idempotencyKey);
    }

    @Override
    public StripeSubscriptionSnapshot setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancel,
                                                          String idempotencyKey) {
        return change(stripeSubscriptionId, "price_pro", cancel, idempotencyKey);
    }

    /** Stripe's answer to a change: the subscription as it now is, stated at the fixture's "now". */
    private StripeSubscriptionSnapshot change(String stripeSubscriptionId, String priceId, boolean cancel,
                                              String idempotencyKey) {
        idempotencyKeys.add(idempotencyKey);
        if (!failures.isEmpty()) {
            throw failures.poll();
        }
        return new StripeSubscriptionSnapshot(stripeSubscriptionId, "cus_1", SubscriptionStatus.ACTIVE, priceId, periodEnd, cancel,
                now);
    }

    @Override
    public StripeSubscriptionSnapshot cancelNow(String stripeSubscriptionId, String idempotencyKey) {
        throw unexpected();
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        return "https://billing.stripe.test/" + customerId + "?return=" + returnUrl;
    }

    /** The sagas under test never call these; a test that does has gone wrong, so it fails. */
    private static AssertionError unexpected() {
        return new AssertionError("the sagas do not call this part of the gateway");
    }
}
