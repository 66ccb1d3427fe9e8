package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Checkout through the real stripe-java client, against Stripe's HTTP stand-in fed with Stripe's example objects. */
@IntegrationTest
class CheckoutApiTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;

    ApiClient api;
    User owner;
    String orgId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Paula Payer");
        orgId = api.createOrganization(owner, "Paying Co");
    }

    private void stubCustomer() {
        ObjectNode customer = TestStripe.fixture("customer").put("id", "cus_" + orgId.substring(0, 8));
        customer.putObject("metadata").put("organization_id", orgId);
        TestStripe.stub(post(urlPathEqualTo("/v1/customers")).withRequestBody(containing(orgId)), 200, customer);
    }

    @Test
    void theOwnerGetsAStripeCheckoutUrlAndBillingShowsTheOpenCheckout() {
        stubCustomer();
        long expiresAt = Instant.now().plusSeconds(86_400).getEpochSecond();
        ObjectNode session = TestStripe.fixture("checkout.session").put("id", "cs_test_" + orgId)
                .put("url", "https://checkout.stripe.com/c/pay/cs_test_" + orgId).put("expires_at", expiresAt)
                .put("client_reference_id", orgId).put("mode", "subscription");
        TestStripe.stub(post(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing(orgId)), 200, session);

        Response checkout = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "pro"));

        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);
        assertThat(checkout.text("url")).isEqualTo("https://checkout.stripe.com/c/pay/cs_test_" + orgId);
        assertThat(checkout.header("Location")).isEqualTo("/api/orgs/" + orgId + "/billing");
        String checkoutId = checkout.text("checkoutId");

        JsonNode billing = api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body();
        assertThat(billing.path("status").asText()).isEqualTo("CHECKOUT_PENDING");
        assertThat(billing.at("/checkout/status").asText()).isEqualTo("OPEN");
        assertThat(billing.at("/checkout/plan").asText()).isEqualTo("pro");
        assertThat(billing.at("/checkout/url").asText()).isEqualTo(checkout.text("url"));
        assertThat(Instant.parse(billing.at("/checkout/expiresAt").asText()).getEpochSecond()).isEqualTo(expiresAt);

        // Keys derived from the request, the organization in the customer's metadata, the plan's price.
        TestStripe.server().verify(postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withHeader("Idempotency-Key", equalTo("customer-" + checkoutId))
                .withHeader("Authorization", equalTo("Bearer " + TestStripe.SECRET_KEY))
                .withRequestBody(containing("metadata[organization_id]=" + orgId)));
        TestStripe.server().verify(postRequestedFor(urlPathEqualTo("/v1/checkout/sessions"))
                .withHeader("Idempotency-Key", equalTo("checkout-" + checkoutId))
                .withRequestBody(containing("mode=subscription"))
                .withRequestBody(containing("price_tenantry_pro_monthly"))
                .withRequestBody(containing("client_reference_id=" + orgId)));
    }

    @Test
    void whenStripeIsSlowTheCheckoutAnswers202AndTheUrlAppearsOnTheBillingResourceLater() {
        stubCustomer();
        ObjectNode session = TestStripe.fixture("checkout.session").put("id", "cs_slow_" + orgId)
                .put("url", "https://checkout.stripe.com/c/pay/cs_slow_" + orgId)
                .put("expires_at", Instant.now().plusSeconds(86_400).getEpochSecond());
        // Slower than the endpoint's wait (tenantry.billing.checkout-wait, 5 s), faster than the client's timeout.
        TestStripe.server().stubFor(post(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing(orgId))
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Content-Type", "application/json").withBody(session.toString())
                        .withFixedDelay(6_500)));

        Response checkout = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "pro"));

        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(202);
        assertThat(checkout.header("Location")).isEqualTo("/api/orgs/" + orgId + "/billing");
        assertThat(checkout.text("status")).isEqualTo("PENDING");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body().at("/checkout/url")
                        .asText()).isEqualTo("https://checkout.stripe.com/c/pay/cs_slow_" + orgId));
    }

    @Test
    void aStripeRefusalFailsTheCheckoutWithItsReasonAndTheOrganizationStaysFree() {
        stubCustomer();
        TestStripe.stub(post(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing(orgId)), 400,
                Map.of("error", Map.of("type", "invalid_request_error", "message", "No such price")));

        Response checkout = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "pro"));

        assertThat(checkout.status()).as(checkout.toString()).isEqualTo(502);
        assertThat(checkout.text("code")).isEqualTo("checkout-failed");
        assertThat(checkout.text("detail")).contains("Stripe refused the checkout").contains("No such price");
        JsonNode billing = api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body();
        assertThat(billing.path("status").asText()).isEqualTo("FREE");
        assertThat(billing.at("/checkout/status").asText()).isEqualTo("FAILED");
        assertThat(billing.at("/checkout/failureReason").asText()).contains("No such price");
        assertThat(billing.toString()).doesNotContain(TestStripe.SECRET_KEY);
    }

    @Test
    void onlyTheOwnerChecksOutAndOnlyForAPaidPlan() {
        User admin = new Team(api, commands).join(orgId, owner, Role.ADMIN, "Adam Admin");

        assertThat(api.post("/api/orgs/" + orgId + "/billing/checkout", admin.accessToken(), Map.of("plan", "pro"))
                .status()).isEqualTo(403);
        Response free = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "free"));
        assertThat(free.status()).isEqualTo(400);
        assertThat(free.text("code")).isEqualTo("plan-not-purchasable");
        Response unknown = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "gold"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.text("code")).isEqualTo("unknown-plan");
        assertThat(api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body().path("checkout").isNull()
                || api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body().path("checkout")
                .isMissingNode()).isTrue();
    }
}
