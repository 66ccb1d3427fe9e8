package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import dev.tenantry.testsupport.Team;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Change plan, cancel at period end, resume and the billing portal, through the real client and Stripe's shapes. */
@IntegrationTest
class BillingLifecycleApiTest {

    private static final String PRO_PRICE = "price_tenantry_pro_monthly";
    private static final String ENTERPRISE_PRICE = "price_tenantry_enterprise_monthly";

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;

    ApiClient api;
    User owner;
    String orgId;
    String stripeSubscription;
    String customer;
    Instant periodEnd;

    @BeforeEach
    void anOrganizationPayingForPro() {
        api = new ApiClient(port);
        owner = api.register("Bill Owner");
        orgId = api.createOrganization(owner, "Billed Co");
        stripeSubscription = "sub_" + orgId.substring(0, 8);
        customer = "cus_" + orgId.substring(0, 8);
        periodEnd = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(orgId), orgId, "evt_setup",
                new StripeSubscriptionSnapshot(stripeSubscription, customer, SubscriptionStatus.ACTIVE, PRO_PRICE, periodEnd, false,
                        Instant.now().minusSeconds(60))), owner.id());
        TestStripe.stub(get(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription)), 200,
                subscription(PRO_PRICE, false, periodEnd));
    }

    /** Stripe's example subscription, made this organization's. */
    private ObjectNode subscription(String price, boolean cancelAtPeriodEnd, Instant end) {
        ObjectNode subscription = TestStripe.fixture("subscription").put("id", stripeSubscription)
                .put("customer", customer).put("status", "active").put("cancel_at_period_end", cancelAtPeriodEnd);
        subscription.putObject("metadata").put("organization_id", orgId);
        ObjectNode item = (ObjectNode) subscription.path("items").path("data").get(0);
        item.put("id", "si_" + orgId.substring(0, 8)).put("current_period_end", end.getEpochSecond());
        ((ObjectNode) item.path("price")).put("id", price);
        return subscription;
    }

    private JsonNode billing() {
        Response billing = api.get("/api/orgs/" + orgId + "/billing", owner.accessToken());
        assertThat(billing.status()).as(billing.toString()).isEqualTo(200);
        return billing.body();
    }

    @Test
    void changingPlanMovesTheStripeSubscriptionToTheNewPriceWithProrationAndLiftsTheSeatLimit() {
        Instant newEnd = periodEnd.plus(1, ChronoUnit.DAYS);
        TestStripe.stub(post(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing(ENTERPRISE_PRICE)), 200, subscription(ENTERPRISE_PRICE, false, newEnd));
        assertThat(billing().at("/plan/key").asText()).isEqualTo("pro");
        assertThat(billing().path("effectiveSeatLimit").asInt()).isEqualTo(20);

        Response changed = api.post("/api/orgs/" + orgId + "/billing/change-plan", owner.accessToken(),
                Map.of("plan", "enterprise"));

        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.body().at("/plan/key").asText()).isEqualTo("enterprise");
        assertThat(changed.body().path("status").asText()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(changed.text("currentPeriodEnd"))).isEqualTo(newEnd);
        assertThat(changed.body().path("effectiveSeatLimit").isNull()
                || changed.body().path("effectiveSeatLimit").isMissingNode()).isTrue();
        JsonNode seatLimit = api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body().path("seatLimit");
        assertThat(seatLimit.isNull() || seatLimit.isMissingNode()).as("unlimited seats: " + seatLimit).isTrue();
        TestStripe.server().verify(postRequestedFor(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing("proration_behavior=create_prorations"))
                .withRequestBody(containing("items[0][price]=" + ENTERPRISE_PRICE)));
    }

    @Test
    void aPlanChangeToTheSamePlanOrToTheFreePlanIsRefused() {
        Response same = api.post("/api/orgs/" + orgId + "/billing/change-plan", owner.accessToken(),
                Map.of("plan", "pro"));
        assertThat(same.status()).isEqualTo(409);
        assertThat(same.text("code")).isEqualTo("plan-unchanged");
        Response free = api.post("/api/orgs/" + orgId + "/billing/change-plan", owner.accessToken(),
                Map.of("plan", "free"));
        assertThat(free.status()).isEqualTo(400);
        assertThat(free.text("code")).isEqualTo("plan-not-purchasable");
    }

    @Test
    void cancelAtPeriodEndThenResume() {
        TestStripe.stub(post(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing("cancel_at_period_end=true")), 200, subscription(PRO_PRICE, true, periodEnd));
        TestStripe.stub(post(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing("cancel_at_period_end=false")), 200,
                subscription(PRO_PRICE, false, periodEnd));

        Response canceled = api.post("/api/orgs/" + orgId + "/billing/cancel", owner.accessToken(), null);
        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(200);
        assertThat(canceled.body().path("cancelAtPeriodEnd").asBoolean()).isTrue();
        assertThat(canceled.body().path("status").asText()).isEqualTo("ACTIVE");
        Response again = api.post("/api/orgs/" + orgId + "/billing/cancel", owner.accessToken(), null);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.text("code")).isEqualTo("already-canceling");

        Response resumed = api.post("/api/orgs/" + orgId + "/billing/resume", owner.accessToken(), null);
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(200);
        assertThat(resumed.body().path("cancelAtPeriodEnd").asBoolean()).isFalse();
        Response resumeAgain = api.post("/api/orgs/" + orgId + "/billing/resume", owner.accessToken(), null);
        assertThat(resumeAgain.status()).isEqualTo(409);
        assertThat(resumeAgain.text("code")).isEqualTo("not-canceling");
    }

    @Test
    void theBillingPortalOpensForTheOrganizationsCustomer() {
        ObjectNode session = TestStripe.fixture("billing_portal.session").put("customer", customer)
                .put("url", "https://billing.stripe.com/p/session/" + orgId);
        TestStripe.stub(post(urlPathEqualTo("/v1/billing_portal/sessions")).withRequestBody(containing(customer)), 200,
                session);

        Response portal = api.post("/api/orgs/" + orgId + "/billing/portal", owner.accessToken(), null);

        assertThat(portal.status()).as(portal.toString()).isEqualTo(200);
        assertThat(portal.text("url")).isEqualTo("https://billing.stripe.com/p/session/" + orgId);
    }

    @Test
    void stripeBeingDownIsA503AndChangesNothing() {
        TestStripe.stub(post(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing("cancel_at_period_end=true")), 500,
                Map.of("error", Map.of("type", "api_error", "message", "Stripe is down")));

        Response canceled = api.post("/api/orgs/" + orgId + "/billing/cancel", owner.accessToken(), null);

        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(503);
        assertThat(canceled.text("code")).isEqualTo("stripe-unavailable");
        assertThat(billing().path("cancelAtPeriodEnd").asBoolean()).isFalse();
    }

    @Test
    void stripeRefusingIsA502ThatDoesNotPassOnStripesOwnMessage() {
        TestStripe.stub(post(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing("cancel_at_period_end=true")), 400,
                Map.of("error", Map.of("type", "invalid_request_error",
                        "message", "No such subscription: '" + stripeSubscription + "' on account acct_internal")));

        Response canceled = api.post("/api/orgs/" + orgId + "/billing/cancel", owner.accessToken(), null);

        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(502);
        assertThat(canceled.text("code")).isEqualTo("stripe-refused");
        assertThat(canceled.raw().body()).doesNotContain("acct_internal").doesNotContain("No such subscription");
        assertThat(billing().path("cancelAtPeriodEnd").asBoolean()).isFalse();
    }

    @Test
    void whenStripeAnswersAfterTheWaitTheChangeIs202AndShowsOnTheBillingLater() {
        // Slower than the endpoint's wait (tenantry.billing.change-wait, 6 s in tests), within Stripe's timeout.
        TestStripe.server().stubFor(post(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription))
                .withRequestBody(containing("cancel_at_period_end=true"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(subscription(PRO_PRICE, true, periodEnd).toString()).withFixedDelay(7_500)));

        Response canceled = api.post("/api/orgs/" + orgId + "/billing/cancel", owner.accessToken(), null);

        assertThat(canceled.status()).as(canceled.toString()).isEqualTo(202);
        assertThat(canceled.header("Location")).isEqualTo("/api/orgs/" + orgId + "/billing");
        assertThat(canceled.body().path("cancelAtPeriodEnd").asBoolean()).isFalse();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(billing().path("cancelAtPeriodEnd").asBoolean()).isTrue());
    }

    @Test
    void closingTheOrganizationCancelsItsStripeSubscriptionAndFallsBackToTheFreePlan() {
        ObjectNode canceled = subscription(PRO_PRICE, false, periodEnd).put("status", "canceled");
        TestStripe.stub(delete(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription)), 200, canceled);

        assertThat(api.delete("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(billing().path("status").asText()).isEqualTo("CANCELED"));
        assertThat(billing().at("/plan/key").asText()).isEqualTo("free");
        TestStripe.server().verify(deleteRequestedFor(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription)));
    }

    @Test
    void aPlatformAdminReconcilesAnOrganizationFromStripe() {
        ObjectNode list = TestStripe.fixture("subscription").objectNode();
        list.put("object", "list").put("has_more", false).put("url", "/v1/subscriptions");
        list.putArray("data").add(subscription(ENTERPRISE_PRICE, false, periodEnd.plus(1, ChronoUnit.DAYS)));
        TestStripe.stub(get(urlPathEqualTo("/v1/subscriptions")).withQueryParam("customer", equalTo(customer)), 200,
                list);

        Response forbidden = api.post("/api/admin/billing/reconcile", owner.accessToken(),
                Map.of("organizationId", orgId));
        assertThat(forbidden.status()).isEqualTo(403);

        Response reconciled = api.post("/api/admin/billing/reconcile", PlatformAdmin.accessToken(api),
                Map.of("organizationId", orgId));

        assertThat(reconciled.status()).as(reconciled.toString()).isEqualTo(200);
        assertThat(reconciled.body().path("checked").asInt()).isEqualTo(1);
        assertThat(reconciled.body().at("/subscriptions/0/stripeSubscriptionId").asText()).isEqualTo(stripeSubscription);
        assertThat(billing().at("/plan/key").asText()).isEqualTo("enterprise");
    }

    @Test
    void onlyTheOwnerManagesBillingAndAnAdminOnlySeesIt() {
        User admin = new Team(api, commands).join(orgId, owner, Role.ADMIN, "Ada Admin");
        User member = new Team(api, commands).join(orgId, owner, Role.MEMBER, "Max Member");

        for (String action : new String[]{"cancel", "resume", "portal"}) {
            assertThat(api.post("/api/orgs/" + orgId + "/billing/" + action, admin.accessToken(), null).status())
                    .as(action).isEqualTo(403);
        }
        assertThat(api.post("/api/orgs/" + orgId + "/billing/change-plan", admin.accessToken(),
                Map.of("plan", "enterprise")).status()).isEqualTo(403);
        assertThat(api.get("/api/orgs/" + orgId + "/billing", admin.accessToken()).status()).isEqualTo(200);
        assertThat(api.get("/api/orgs/" + orgId + "/billing", member.accessToken()).status()).isEqualTo(403);
        assertThat(billing().path("cancelAtPeriodEnd").asBoolean()).isFalse();
        assertThat(billing().at("/plan/key").asText()).isEqualTo("pro");
    }

    @Test
    void anOrganizationThatNeverPaidHasNothingToChangeCancelOrManage() {
        User other = api.register("Fiona Free");
        String freeOrg = api.createOrganization(other, "Free Forever Co");
        for (String action : new String[]{"cancel", "resume"}) {
            Response response = api.post("/api/orgs/" + freeOrg + "/billing/" + action, other.accessToken(), null);
            assertThat(response.status()).isEqualTo(409);
            assertThat(response.text("code")).isEqualTo("no-paid-subscription");
        }
        Response change = api.post("/api/orgs/" + freeOrg + "/billing/change-plan", other.accessToken(),
                Map.of("plan", "pro"));
        assertThat(change.text("code")).isEqualTo("no-paid-subscription");
        Response portal = api.post("/api/orgs/" + freeOrg + "/billing/portal", other.accessToken(), null);
        assertThat(portal.status()).isEqualTo(409);
        assertThat(portal.text("code")).isEqualTo("no-billing-account");
    }
}
