package dev.tenantry.infra.feature;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.StreamSupport;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tenantry.infra.billing.StripeTestEvents.PRO;
import static dev.tenantry.infra.billing.StripeTestEvents.deliver;
import static dev.tenantry.infra.billing.StripeTestEvents.event;
import static dev.tenantry.infra.billing.StripeTestEvents.newId;
import static dev.tenantry.infra.billing.StripeTestEvents.subscription;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The plan in effect decides the features, as Stripe's webhooks change it; overrides stay on top. The dunning
 * fallback (which needs a grace period of seconds, so its own application) is asserted in BillingJourneyTest.
 */
@IntegrationTest
class FeatureFlagBillingTest {

    private static final String ENTERPRISE = "price_tenantry_enterprise_monthly";

    @LocalServerPort
    int port;

    @Test
    void aDowngradeTakesAwayWhatOnlyTheHigherPlanGrantedAndKeepsTheOverrides() {
        ApiClient api = new ApiClient(port);
        User owner = api.register("Dee Downgrade");
        String orgId = api.createOrganization(owner, "Downgraded Co");
        String customer = newId("cus");
        String stripeSubscription = newId("sub");
        Instant periodEnd = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String admin = PlatformAdmin.accessToken(api);
        Response overridden = api.sendRaw("PUT", "/api/admin/orgs/" + orgId + "/features/analytics", admin,
                "{\"enabled\":false}");
        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);

        // Stripe says the organization pays for Enterprise.
        TestStripe.stub(get(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription)), 200,
                subscription(stripeSubscription, customer, orgId, "active", ENTERPRISE, periodEnd));
        deliverSubscriptionEvent(api, "customer.subscription.created", Instant.now().minusSeconds(120),
                subscription(stripeSubscription, customer, orgId, "active", ENTERPRISE, periodEnd));
        JsonNode enterprise = awaitPlan(api, owner, orgId, "enterprise");
        assertThat(keys(enterprise)).containsExactly("audit-export", "invitations", "members", "priority-support");

        // It moves down to Pro.
        TestStripe.stub(get(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription)), 200,
                subscription(stripeSubscription, customer, orgId, "active", PRO, periodEnd));
        deliverSubscriptionEvent(api, "customer.subscription.updated", Instant.now().minusSeconds(60),
                subscription(stripeSubscription, customer, orgId, "active", PRO, periodEnd));
        JsonNode pro = awaitPlan(api, owner, orgId, "pro");
        assertThat(keys(pro)).containsExactly("audit-export", "invitations", "members");
        JsonNode analytics = StreamSupport.stream(pro.path("flags").spliterator(), false)
                .filter(flag -> flag.path("key").asText().equals("analytics")).findFirst().orElseThrow();
        assertThat(analytics.path("source").asText()).isEqualTo("override");
        assertThat(analytics.path("enabled").asBoolean()).isFalse();
        assertThat(analytics.path("grantedByPlan").asBoolean()).isTrue();

        // Canceled: the free plan's features, and still nothing of the override's.
        TestStripe.stub(get(urlPathEqualTo("/v1/subscriptions/" + stripeSubscription)), 200,
                subscription(stripeSubscription, customer, orgId, "canceled", PRO, periodEnd));
        deliverSubscriptionEvent(api, "customer.subscription.deleted", Instant.now(),
                subscription(stripeSubscription, customer, orgId, "canceled", PRO, periodEnd));
        JsonNode free = awaitPlan(api, owner, orgId, "free");
        assertThat(keys(free)).containsExactly("invitations", "members");
    }

    private static void deliverSubscriptionEvent(ApiClient api, String type, Instant created, JsonNode object) {
        Response delivered = deliver(api, event(newId("evt"), type, created, object));
        assertThat(delivered.status()).as(delivered.toString()).isEqualTo(200);
        assertThat(delivered.text("outcome")).as(delivered.toString()).isEqualTo("processed");
    }

    /** The reconciliation saga applies a webhook after answering it, so the plan changes a moment later. */
    private static JsonNode awaitPlan(ApiClient api, User member, String orgId, String plan) {
        return await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response features = api.get("/api/orgs/" + orgId + "/features", member.accessToken());
            assertThat(features.status()).as(features.toString()).isEqualTo(200);
            return features.body();
        }, features -> features.path("plan").asText().equals(plan));
    }

    private static List<String> keys(JsonNode featureSet) {
        return StreamSupport.stream(featureSet.path("features").spliterator(), false).map(JsonNode::asText).toList();
    }
}
