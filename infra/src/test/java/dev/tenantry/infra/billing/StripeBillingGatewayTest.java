package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.command.billing.BillingGatewayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The real stripe-java client against a local Stripe stand-in (WireMock). Responses are built from Stripe's own
 * example objects ({@code stripe/fixtures.json}, copied from Stripe's OpenAPI fixtures, MIT), changed per test
 * only where the test needs it; errors have Stripe's documented error shape.
 */
class StripeBillingGatewayTest {

    private static final String SECRET_KEY = "sk_test_tenantry_" + UUID.randomUUID().toString().replace("-", "");
    private static final String PUBLIC_URL = "https://app.tenantry.test/";
    private static final String ORG = "3f1c2a9e-7d4b-4c1e-9a55-0b6f2d8e4a10";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FIXTURES = load();

    private final WireMockServer stripe = new WireMockServer(options().dynamicPort());

    @BeforeEach
    void start() {
        stripe.start();
    }

    @AfterEach
    void stop() {
        stripe.stop();
    }

    // --- customers -------------------------------------------------------------------------------------------

    @Test
    void anOrganizationWithACustomerKeepsItWithoutAskingStripe() {
        String customer = gateway().ensureCustomer(ORG, "cus_existing", "customer-" + ORG);

        assertThat(customer).isEqualTo("cus_existing");
        assertThat(stripe.getAllServeEvents()).isEmpty();
    }

    @Test
    void aNewCustomerCarriesTheOrganizationIdAndTheIdempotencyKeyWithTheConfiguredKey() {
        stripe.stubFor(post(urlPathEqualTo("/v1/customers"))
                .willReturn(okJson(fixture("customer").put("id", "cus_new").toString())));

        String customer = gateway().ensureCustomer(ORG, null, "customer-" + ORG);

        assertThat(customer).isEqualTo("cus_new");
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("customer-" + ORG))
                .withFormParam("metadata[organization_id]", equalTo(ORG)));
    }

    // --- checkout --------------------------------------------------------------------------------------------

    @Test
    void aCheckoutSubscribesTheCustomerToOneUnitOfThePriceForTheOrganization() {
        ObjectNode session = fixture("checkout.session")
                .put("id", "cs_test_tenantry")
                .put("url", "https://checkout.stripe.com/c/pay/cs_test_tenantry")
                .put("mode", "subscription")
                .put("customer", "cus_1")
                .put("client_reference_id", ORG)
                .put("expires_at", 1_900_000_000L);
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).willReturn(okJson(session.toString())));

        BillingGateway.CheckoutSession checkout = gateway()
                .createCheckoutSession("cus_1", "price_pro", ORG, "checkout-" + ORG);

        assertThat(checkout).isEqualTo(new BillingGateway.CheckoutSession("cs_test_tenantry",
                "https://checkout.stripe.com/c/pay/cs_test_tenantry", Instant.ofEpochSecond(1_900_000_000L)));
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY))
                .withHeader("Idempotency-Key", equalTo("checkout-" + ORG))
                .withFormParam("mode", equalTo("subscription"))
                .withFormParam("customer", equalTo("cus_1"))
                .withFormParam("line_items[0][price]", equalTo("price_pro"))
                .withFormParam("line_items[0][quantity]", equalTo("1"))
                .withFormParam("client_reference_id", equalTo(ORG))
                .withFormParam("subscription_data[metadata][organization_id]", equalTo(ORG))
                .withFormParam("success_url", equalTo(
                        "https://app.tenantry.test/billing/checkout/success?session_id={CHECKOUT_SESSION_ID}"))
                .withFormParam("cancel_url", equalTo("https://app.tenantry.test/billing/checkout/cancel")));
    }

    // --- subscriptions ---------------------------------------------------------------------------------------

    @Test
    void aSubscriptionSnapshotHasItsStatusPriceCancelFlagAndThePeriodEndOfItsItem() {
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "past_due", "price_pro", 1_800_000_000L, true, 1_700_000_000L).toString())));
        Instant before = Instant.now();

        StripeSubscriptionSnapshot snapshot = gateway().fetchSubscription("sub_1").orElseThrow();

        assertThat(snapshot.stripeSubscriptionId()).isEqualTo("sub_1");
        assertThat(snapshot.stripeCustomerId()).isEqualTo("cus_1");
        assertThat(snapshot.status()).isEqualTo(SubscriptionStatus.PAST_DUE);
        assertThat(snapshot.priceId()).isEqualTo("price_pro");
        assertThat(snapshot.currentPeriodEnd()).isEqualTo(Instant.ofEpochSecond(1_800_000_000L));
        assertThat(snapshot.cancelAtPeriodEnd()).isTrue();
        assertThat(snapshot.observedAt()).isBetween(before, Instant.now());
        stripe.verify(getRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY)));
    }

    @Test
    void aSubscriptionStripeDoesNotKnowIsEmpty() {
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_gone"))
                .willReturn(stripeError(404, "invalid_request_error", "resource_missing",
                        "No such subscription: 'sub_gone'")));

        Optional<StripeSubscriptionSnapshot> snapshot = gateway().fetchSubscription("sub_gone");

        assertThat(snapshot).isEmpty();
    }

    @Test
    void aCustomersSubscriptionsIncludeCanceledOnesNewestFirstAcrossPages() {
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
                .withQueryParam("customer", equalTo("cus_1"))
                .withQueryParam("status", equalTo("all"))
                .withQueryParam("starting_after", absent())
                .willReturn(okJson(list(true,
                        subscription("sub_old", "canceled", "price_free", 1_600_000_000L, false, 1_500_000_000L),
                        subscription("sub_mid", "incomplete_expired", "price_pro", 1_650_000_000L, false,
                                1_550_000_000L)).toString())));
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions"))
                .withQueryParam("customer", equalTo("cus_1"))
                .withQueryParam("status", equalTo("all"))
                .withQueryParam("starting_after", equalTo("sub_mid"))
                .willReturn(okJson(list(false,
                        subscription("sub_new", "active", "price_pro", 1_800_000_000L, false, 1_700_000_000L))
                        .toString())));

        List<StripeSubscriptionSnapshot> subscriptions = gateway().subscriptionsOf("cus_1");

        assertThat(subscriptions).extracting(StripeSubscriptionSnapshot::stripeSubscriptionId)
                .containsExactly("sub_new", "sub_mid", "sub_old");
        assertThat(subscriptions).extracting(StripeSubscriptionSnapshot::status)
                .containsExactly(SubscriptionStatus.ACTIVE, SubscriptionStatus.CANCELED, SubscriptionStatus.CANCELED);
    }

    @Test
    void aPriceChangeMovesTheSingleItemToTheNewPriceWithProration() {
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "active", "price_pro", 1_800_000_000L, false, 1_700_000_000L).toString())));
        stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "active", "price_enterprise", 1_800_000_000L, false, 1_700_000_000L)
                        .toString())));

        StripeSubscriptionSnapshot changed = gateway().changePrice("sub_1", "price_enterprise", "change-1");

        assertThat(changed.priceId()).isEqualTo("price_enterprise");
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1"))
                .withHeader("Idempotency-Key", equalTo("change-1"))
                .withFormParam("items[0][id]", equalTo("si_sub_1"))
                .withFormParam("items[0][price]", equalTo("price_enterprise"))
                .withFormParam("proration_behavior", equalTo("create_prorations")));
    }

    @Test
    void aSubscriptionWithSeveralItemsIsNotRepricedByGuess() {
        ObjectNode twoItems = subscription("sub_1", "active", "price_pro", 1_800_000_000L, false, 1_700_000_000L);
        ArrayNode items = (ArrayNode) twoItems.at("/items/data");
        items.add(items.get(0).deepCopy());
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(twoItems.toString())));

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway().changePrice("sub_1", "price_enterprise", "change-1"));

        assertThat(failure.isRetryable()).isFalse();
        stripe.verify(0, postRequestedFor(anyUrl()));
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void cancellingAtPeriodEndAndTakingItBackSetTheFlag(boolean cancel) {
        stripe.stubFor(post(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "active", "price_pro", 1_800_000_000L, cancel, 1_700_000_000L).toString())));

        StripeSubscriptionSnapshot snapshot = gateway().setCancelAtPeriodEnd("sub_1", cancel, "cancel-" + cancel);

        assertThat(snapshot.cancelAtPeriodEnd()).isEqualTo(cancel);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1"))
                .withHeader("Idempotency-Key", equalTo("cancel-" + cancel))
                .withFormParam("cancel_at_period_end", equalTo(String.valueOf(cancel))));
    }

    @Test
    void cancellingNowEndsTheSubscriptionAtStripe() {
        stripe.stubFor(delete(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "canceled", "price_pro", 1_800_000_000L, false, 1_700_000_000L).toString())));

        StripeSubscriptionSnapshot snapshot = gateway().cancelNow("sub_1", "close-" + ORG);

        assertThat(snapshot.status()).isEqualTo(SubscriptionStatus.CANCELED);
        stripe.verify(1, deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/sub_1"))
                .withHeader("Authorization", equalTo("Bearer " + SECRET_KEY)));
    }

    @Test
    void cancellingNowASubscriptionThatIsAlreadyCanceledAnswersItsCanceledState() {
        stripe.stubFor(delete(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(stripeError(400,
                "invalid_request_error", null, "This subscription has already been canceled.")));
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "canceled", "price_pro", 1_800_000_000L, false, 1_700_000_000L).toString())));

        StripeSubscriptionSnapshot snapshot = gateway().cancelNow("sub_1", "close-" + ORG);

        assertThat(snapshot.status()).isEqualTo(SubscriptionStatus.CANCELED);
    }

    @Test
    void cancellingNowARefusedCancellationOfALiveSubscriptionFails() {
        stripe.stubFor(delete(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(stripeError(400,
                "invalid_request_error", null, "Something about this request is wrong.")));
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                subscription("sub_1", "active", "price_pro", 1_800_000_000L, false, 1_700_000_000L).toString())));

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway().cancelNow("sub_1", "close-" + ORG));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure).hasMessageContaining("Something about this request is wrong");
    }

    // --- billing portal --------------------------------------------------------------------------------------

    @Test
    void aPortalSessionIsForTheCustomerAndReturnsToTheGivenUrl() {
        stripe.stubFor(post(urlPathEqualTo("/v1/billing_portal/sessions")).willReturn(okJson(
                fixture("billing_portal.session")
                        .put("customer", "cus_1")
                        .put("return_url", "https://app.tenantry.test/orgs/1/billing")
                        .put("url", "https://billing.stripe.com/p/session/test_tenantry").toString())));

        String url = gateway().createPortalSession("cus_1", "https://app.tenantry.test/orgs/1/billing");

        assertThat(url).isEqualTo("https://billing.stripe.com/p/session/test_tenantry");
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/billing_portal/sessions"))
                .withFormParam("customer", equalTo("cus_1"))
                .withFormParam("return_url", equalTo("https://app.tenantry.test/orgs/1/billing")));
    }

    // --- failures --------------------------------------------------------------------------------------------

    @ParameterizedTest(name = "HTTP {0} {1}")
    @CsvSource({
            "500, api_error, , true",
            "503, api_error, , true",
            "429, invalid_request_error, rate_limit, true",
            "409, invalid_request_error, lock_timeout, true",
            "400, invalid_request_error, parameter_missing, false",
            "400, idempotency_error, , false",
            "401, invalid_request_error, , false",
            "402, card_error, card_declined, false",
            "403, invalid_request_error, secret_key_required, false",
            "404, invalid_request_error, resource_missing, false",
    })
    void aFailedCallSaysWhetherRetryingMayHelp(int status, String type, String code, boolean retryable) {
        stripe.stubFor(post(urlPathEqualTo("/v1/checkout/sessions"))
                .willReturn(stripeError(status, type, code, "Stripe says no (" + status + ")")));

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway().createCheckoutSession("cus_1", "price_pro", ORG, "checkout-" + ORG));

        assertThat(failure.isRetryable()).isEqualTo(retryable);
        assertThat(failure).hasMessageContaining("HTTP " + status);
        stripe.verify(1, postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")));
    }

    @Test
    void anUnreachableStripeIsRetryable() {
        int port = stripe.port();
        stripe.stop();

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway("http://localhost:" + port, 0, Duration.ofSeconds(5))
                        .ensureCustomer(ORG, null, "customer-" + ORG));

        assertThat(failure.isRetryable()).isTrue();
    }

    @Test
    void aStripeThatAnswersTooLateIsRetryable() {
        stripe.stubFor(get(urlPathEqualTo("/v1/subscriptions/sub_1")).willReturn(okJson(
                        subscription("sub_1", "active", "price_pro", 1_800_000_000L, false, 1_700_000_000L).toString())
                .withFixedDelay(3_000)));

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway(stripe.baseUrl(), 0, Duration.ofMillis(300)).fetchSubscription("sub_1"));

        assertThat(failure.isRetryable()).isTrue();
    }

    @Test
    void withNetworkRetriesAStripeFailureFollowedBySuccessGoesThroughWithTheSameIdempotencyKey() {
        stripe.stubFor(post(urlPathEqualTo("/v1/customers")).inScenario("flaky")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(stripeError(500, "api_error", null, "An unknown error occurred"))
                .willSetStateTo("recovered"));
        stripe.stubFor(post(urlPathEqualTo("/v1/customers")).inScenario("flaky")
                .whenScenarioStateIs("recovered")
                .willReturn(okJson(fixture("customer").put("id", "cus_after_retry").toString())));

        String customer = gateway(stripe.baseUrl(), 1, Duration.ofSeconds(5))
                .ensureCustomer(ORG, null, "customer-" + ORG);

        assertThat(customer).isEqualTo("cus_after_retry");
        stripe.verify(2, postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Idempotency-Key", equalTo("customer-" + ORG)));
    }

    @Test
    void theSecretKeyNeverAppearsInAFailureEvenWhenTheAnswerEchoesIt() {
        stripe.stubFor(post(urlPathEqualTo("/v1/customers")).willReturn(stripeError(401, "invalid_request_error",
                null, "Invalid API Key provided: " + SECRET_KEY)));

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway().ensureCustomer(ORG, null, "customer-" + ORG));

        assertThat(failure.isRetryable()).isFalse();
        assertThat(failure).hasMessageContaining("Invalid API Key provided");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(t.getMessage()).doesNotContain(SECRET_KEY);
            assertThat(t.toString()).doesNotContain(SECRET_KEY);
        }
        stripe.verify(1, anyRequestedFor(anyUrl()));
    }

    @Test
    void theSecretKeyNeverAppearsInTheFailureOfAnUnreachableStripe() {
        int port = stripe.port();
        stripe.stop();

        BillingGatewayException failure = catchThrowableOfType(BillingGatewayException.class,
                () -> gateway("http://localhost:" + port, 0, Duration.ofSeconds(5)).fetchSubscription("sub_1"));

        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(SECRET_KEY);
        }
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    private StripeBillingGateway gateway() {
        return gateway(stripe.baseUrl(), 0, Duration.ofSeconds(5));
    }

    /** No network retries unless a test is about them: stripe-java waits 0.5 s and more between attempts. */
    private static StripeBillingGateway gateway(String apiBase, int retries, Duration timeout) {
        return new StripeBillingGateway(
                new StripeProperties(SECRET_KEY, "whsec_test", apiBase, timeout, retries), PUBLIC_URL,
                java.time.Clock.systemUTC());
    }

    private static ObjectNode fixture(String name) {
        return FIXTURES.get(name).deepCopy();
    }

    private static ObjectNode subscription(String id, String status, String priceId, long periodEnd,
                                           boolean cancelAtPeriodEnd, long created) {
        ObjectNode subscription = fixture("subscription")
                .put("id", id)
                .put("status", status)
                .put("customer", "cus_1")
                .put("created", created)
                .put("cancel_at_period_end", cancelAtPeriodEnd);
        subscription.putObject("metadata").put("organization_id", ORG);
        ObjectNode item = (ObjectNode) subscription.at("/items/data/0");
        item.put("id", "si_" + id).put("subscription", id).put("current_period_end", periodEnd);
        ((ObjectNode) item.get("price")).put("id", priceId);
        ((ObjectNode) subscription.get("items")).put("url", "/v1/subscription_items?subscription=" + id);
        return subscription;
    }

    private static ObjectNode list(boolean hasMore, ObjectNode... subscriptions) {
        ObjectNode list = JSON.createObjectNode()
                .put("object", "list")
                .put("url", "/v1/subscriptions")
                .put("has_more", hasMore);
        ArrayNode data = list.putArray("data");
        for (ObjectNode subscription : subscriptions) {
            data.add(subscription);
        }
        return list;
    }

    /** Stripe's error shape: {@code {"error": {"type", "code", "message"}}}. */
    private static ResponseDefinitionBuilder stripeError(int status, String type, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error").put("type", type).put("message", message);
        if (code != null) {
            error.put("code", code);
        }
        return aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withHeader("Request-Id", "req_tenantry_test")
                .withBody(body.toString());
    }

    private static JsonNode load() {
        try (InputStream in = StripeBillingGatewayTest.class.getResourceAsStream("/stripe/fixtures.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
