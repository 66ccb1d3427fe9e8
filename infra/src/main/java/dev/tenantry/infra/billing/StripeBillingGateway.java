package dev.tenantry.infra.billing;

import com.stripe.StripeClient;
import com.stripe.exception.ApiConnectionException;
import com.stripe.exception.ApiException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import com.stripe.net.RequestOptions;
import com.stripe.param.CustomerCreateParams;
import com.stripe.param.SubscriptionCancelParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.SubscriptionUpdateParams;
import com.stripe.param.checkout.SessionCreateParams;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.command.billing.BillingGatewayException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import static dev.tenantry.infra.billing.StripeTranslation.snapshot;

/**
 * {@link BillingGateway} over Stripe's API with stripe-java. Each instance has its own {@link StripeClient}: key,
 * API base, timeouts and retries are never stripe-java's static globals, so two instances (or a test) cannot
 * disturb each other.
 */
class StripeBillingGateway implements BillingGateway {

    static final String ORGANIZATION_ID = "organization_id";

    private final StripeClient stripe;
    private final String secretKey;
    private final String publicUrl;
    /** When a snapshot of Stripe's state was observed. */
    private final Clock clock;

    StripeBillingGateway(StripeProperties properties, String publicUrl, Clock clock) {
        this.clock = clock;
        if (!properties.configured()) {
            throw new IllegalStateException("tenantry.stripe.secret-key is not set");
        }
        int timeoutMillis = (int) properties.timeout().toMillis();
        this.stripe = StripeClient.builder()
                .setApiKey(properties.secretKey())
                .setApiBase(properties.apiBase())
                .setConnectTimeout(timeoutMillis)
                .setReadTimeout(timeoutMillis)
                .setMaxNetworkRetries(properties.maxNetworkRetries())
                .build();
        this.secretKey = properties.secretKey();
        this.publicUrl = publicUrl.replaceAll("/+$", "");
    }

    @Override
    public String ensureCustomer(String organizationId, String existingCustomerId, String idempotencyKey) {
        if (existingCustomerId != null && !existingCustomerId.isBlank()) {
            return existingCustomerId;
        }
        CustomerCreateParams params = CustomerCreateParams.builder()
                .putMetadata(ORGANIZATION_ID, organizationId)
                .build();
        return call("customer creation",
                () -> stripe.v1().customers().create(params, idempotent(idempotencyKey))).getId();
    }

    @Override
    public CheckoutSession createCheckoutSession(String customerId, String priceId, String organizationId,
                                                 String idempotencyKey) {
        SessionCreateParams params = SessionCreateParams.builder()
                .setMode(SessionCreateParams.Mode.SUBSCRIPTION)
                .setCustomer(customerId)
                .addLineItem(SessionCreateParams.LineItem.builder().setPrice(priceId).setQuantity(1L).build())
                .setClientReferenceId(organizationId)
                .setSubscriptionData(SessionCreateParams.SubscriptionData.builder()
                        .putMetadata(ORGANIZATION_ID, organizationId)
                        .build())
                // Stripe replaces {CHECKOUT_SESSION_ID}, so the page can tell which checkout came back.
                .setSuccessUrl(publicUrl + "/billing/checkout/success?session_id={CHECKOUT_SESSION_ID}")
                .setCancelUrl(publicUrl + "/billing/checkout/cancel")
                .build();
        com.stripe.model.checkout.Session session = call("checkout session creation",
                () -> stripe.v1().checkout().sessions().create(params, idempotent(idempotencyKey)));
        return new CheckoutSession(session.getId(), session.getUrl(),
                session.getExpiresAt() != null ? Instant.ofEpochSecond(session.getExpiresAt()) : null);
    }

    @Override
    public Optional<StripeSubscriptionSnapshot> fetchSubscription(String stripeSubscriptionId) {
        try {
            Subscription subscription = stripe.v1().subscriptions().retrieve(stripeSubscriptionId);
            return Optional.of(snapshot(subscription, clock.instant()));
        } catch (InvalidRequestException e) {
            if (isMissing(e)) {
                return Optional.empty();
            }
            throw failure("subscription retrieval", e);
        } catch (StripeException e) {
            throw failure("subscription retrieval", e);
        }
    }

    @Override
    public List<StripeSubscriptionSnapshot> subscriptionsOf(String customerId) {
        record Listed(long created, StripeSubscriptionSnapshot snapshot) {
        }
        List<Listed> listed = new ArrayList<>();
        String after = null;
        StripeCollection<Subscription> page;
        do {
            // Stripe leaves canceled subscriptions out unless asked for all of them.
            SubscriptionListParams.Builder params = SubscriptionListParams.builder()
                    .setCustomer(customerId)
                    .setStatus(SubscriptionListParams.Status.ALL)
                    .setLimit(100L);
            if (after != null) {
                params.setStartingAfter(after);
            }
            SubscriptionListParams pageParams = params.build();
            page = call("subscription listing", () -> stripe.v1().subscriptions().list(pageParams));
            Instant observedAt = clock.instant();
            for (Subscription subscription : page.getData()) {
                listed.add(new Listed(subscription.getCreated() != null ? subscription.getCreated() : 0,
                        snapshot(subscription, observedAt)));
                after = subscription.getId();
            }
        } while (Boolean.TRUE.equals(page.getHasMore()) && !page.getData().isEmpty());
        // Stripe lists newest first today; the port promises it, so it does not rest on that.
        return listed.stream()
                .sorted(Comparator.comparingLong(Listed::created).reversed())
                .map(Listed::snapshot)
                .toList();
    }

    @Override
    public StripeSubscriptionSnapshot changePrice(String stripeSubscriptionId, String priceId,
                                                  String idempotencyKey) {
        Subscription current = call("subscription retrieval",
                () -> stripe.v1().subscriptions().retrieve(stripeSubscriptionId));
        List<SubscriptionItem> items = current.getItems() != null ? current.getItems().getData() : List.of();
        if (items.size() != 1) {
            // Which item names the plan is unclear then; changing a guessed one would bill the wrong thing.
            throw new BillingGatewayException("Stripe subscription " + stripeSubscriptionId + " has " + items.size()
                    + " items, expected exactly one", false, null);
        }
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder()
                .addItem(SubscriptionUpdateParams.Item.builder()
                        .setId(items.get(0).getId())
                        .setPrice(priceId)
                        .build())
                .setProrationBehavior(SubscriptionUpdateParams.ProrationBehavior.CREATE_PRORATIONS)
                .build();
        return update("price change", stripeSubscriptionId, params, idempotencyKey);
    }

    @Override
    public StripeSubscriptionSnapshot setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancel,
                                                           String idempotencyKey) {
        SubscriptionUpdateParams params = SubscriptionUpdateParams.builder().setCancelAtPeriodEnd(cancel).build();
        return update(cancel ? "cancellation at period end" : "resumption", stripeSubscriptionId, params,
                idempotencyKey);
    }

    @Override
    public StripeSubscriptionSnapshot cancelNow(String stripeSubscriptionId, String idempotencyKey) {
        try {
            Subscription canceled = stripe.v1().subscriptions().cancel(stripeSubscriptionId,
                    SubscriptionCancelParams.builder().build(), idempotent(idempotencyKey));
            return snapshot(canceled, clock.instant());
        } catch (InvalidRequestException e) {
            // Stripe ignores idempotency keys on DELETE: a retry after a cancellation whose answer was lost is
            // refused as a bad request. If the subscription is canceled by now, that retry did its job.
            Optional<StripeSubscriptionSnapshot> now = fetchSubscription(stripeSubscriptionId);
            if (now.isPresent() && now.get().status() == SubscriptionStatus.CANCELED) {
                return now.get();
            }
            throw failure("immediate cancellation", e);
        } catch (StripeException e) {
            throw failure("immediate cancellation", e);
        }
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        com.stripe.param.billingportal.SessionCreateParams params =
                com.stripe.param.billingportal.SessionCreateParams.builder()
                        .setCustomer(customerId)
                        .setReturnUrl(returnUrl)
                        .build();
        return call("billing portal session creation",
                () -> stripe.v1().billingPortal().sessions().create(params)).getUrl();
    }

    private StripeSubscriptionSnapshot update(String operation, String stripeSubscriptionId,
                                              SubscriptionUpdateParams params, String idempotencyKey) {
        Subscription updated = call(operation,
                () -> stripe.v1().subscriptions().update(stripeSubscriptionId, params, idempotent(idempotencyKey)));
        return snapshot(updated, clock.instant());
    }

    private static RequestOptions idempotent(String idempotencyKey) {
        return RequestOptions.builder().setIdempotencyKey(idempotencyKey).build();
    }

    private static boolean isMissing(InvalidRequestException e) {
        return Integer.valueOf(404).equals(e.getStatusCode()) && "resource_missing".equals(e.getCode());
    }

    private interface StripeCall<T> {
        T call() throws StripeException;
    }

    private <T> T call(String operation, StripeCall<T> call) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw failure(operation, e);
        }
    }

    private BillingGatewayException failure(String operation, StripeException e) {
        Integer status = e.getStatusCode();
        String message = "Stripe " + operation + " failed"
                + (status != null && status > 0 ? " (HTTP " + status + ")" : "")
                + ": " + redact(e.getMessage());
        // Stripe echoes at most a masked key; a stand-in or proxy might echo it whole, and logs print causes.
        Throwable cause = e;
        if (e.getMessage() != null && e.getMessage().contains(secretKey)) {
            cause = new IllegalStateException(e.getClass().getName() + ": " + redact(e.getMessage()));
            cause.setStackTrace(e.getStackTrace());
        }
        return new BillingGatewayException(message, retryable(e), cause);
    }

    private String redact(String text) {
        return text == null ? "" : text.replace(secretKey, "[secret key]");
    }

    /**
     * Whether the same request may go through later: the network, a rate limit, a conflicting concurrent request
     * (409, e.g. the same idempotency key still in flight) or Stripe's own failure (5xx, or an answer that is not
     * Stripe's). A rejected request (bad parameters, a declined card, a wrong key, a missing permission) will not.
     */
    static boolean retryable(StripeException e) {
        if (e instanceof ApiConnectionException || e instanceof RateLimitException) {
            return true;
        }
        if (e instanceof ApiException) {
            Integer status = e.getStatusCode();
            return status == null || status == 409 || status >= 500;
        }
        return false;
    }
}
