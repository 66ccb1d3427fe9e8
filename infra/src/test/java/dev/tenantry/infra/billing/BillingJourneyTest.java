package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.TenantryApplication;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.tenantry.infra.billing.StripeTestEvents.PRO;
import static dev.tenantry.infra.billing.StripeTestEvents.deliver;
import static dev.tenantry.infra.billing.StripeTestEvents.event;
import static dev.tenantry.infra.billing.StripeTestEvents.invoice;
import static dev.tenantry.infra.billing.StripeTestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A paying organization's whole billing life over HTTP, with Stripe's webhooks signed as Stripe signs them:
 * checkout, checkout.session.completed (twice), invoice.paid, invoice.payment_failed, a late and older
 * subscription event, the grace period running out, invoice.paid again, cancellation. Its own application (on
 * its own embedded PostgreSQL, with a grace period of seconds), because the shared one keeps the real 7 days.
 */
class BillingJourneyTest {

    private static final Duration GRACE = Duration.ofSeconds(4);
    private static final List<String> FREE_FEATURES = List.of("invitations", "members");
    private static final List<String> PRO_FEATURES = List.of("analytics", "audit-export", "invitations", "members");

    @TempDir
    Path dataDir;

    @Test
    void checkoutPaymentDunningRecoveryAndCancellation() {
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(TenantryApplication.class).run(
                "--server.port=0", "--tenantry.data-dir=" + dataDir,
                "--tenantry.embedded-postgres.settings=fsync=off,synchronous_commit=off",
                "--tenantry.billing.grace-period=" + GRACE, "--db-scheduler.polling-interval=PT1S",
                "--tenantry.stripe.secret-key=" + TestStripe.SECRET_KEY,
                "--tenantry.stripe.api-base=http://localhost:" + TestStripe.server().port(),
                "--tenantry.stripe.max-network-retries=0")) {
            ApiClient api = new ApiClient(((WebServerApplicationContext) app).getWebServer().getPort());
            new Journey(api).run();
        }
    }

    private static final class Journey {

        final ApiClient api;
        final User owner;
        final String orgId;
        final String customer = newId("cus");
        final String subscription = newId("sub");
        final Instant periodEnd = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        Journey(ApiClient api) {
            this.api = api;
            this.owner = api.register("Journey Owner");
            this.orgId = api.createOrganization(owner, "Journey Billing Co");
        }

        void run() {
            // Checkout: the owner gets Stripe's URL.
            TestStripe.stubCheckout(orgId, customer, "cs_" + orgId);
            Response checkout = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                    Map.of("plan", "pro"));
            assertThat(checkout.status()).as(checkout.toString()).isEqualTo(201);

            // The customer pays: Stripe says so in a webhook, twice (a redelivery), and the subscription is active.
            stripeHasSubscription("active");
            String completed = event(newId("evt"), "checkout.session.completed", Instant.now(),
                    StripeTestEvents.checkoutSession("cs_" + orgId, customer, orgId, subscription));
            assertThat(deliver(api, completed).text("outcome")).isEqualTo("processed");
            assertThat(deliver(api, completed).text("outcome")).isEqualTo("duplicate");
            awaitBilling(billing -> {
                assertThat(billing.path("status").asText()).isEqualTo("ACTIVE");
                assertThat(billing.at("/plan/key").asText()).isEqualTo("pro");
                assertThat(billing.at("/checkout/status").asText()).isEqualTo("COMPLETED");
            });
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seatLimit()).isEqualTo(20));
            assertThat(features()).isEqualTo(PRO_FEATURES);

            assertThat(deliver(api, invoiceEvent("invoice.paid")).text("outcome")).isEqualTo("processed");

            // A payment fails: past due, the paid plan kept during the grace period.
            assertThat(deliver(api, invoiceEvent("invoice.payment_failed")).text("outcome")).isEqualTo("processed");
            awaitBilling(pastDue -> {
                assertThat(pastDue.path("status").asText()).isEqualTo("PAST_DUE");
                assertThat(pastDue.path("graceEndsAt").asText()).isNotBlank();
            });
            assertThat(seatLimit()).isEqualTo(20);
            assertThat(features()).as("the paid plan's features during the grace period").isEqualTo(PRO_FEATURES);

            // Out of order: Stripe's old "created (incomplete)" arrives now; it is older than what was applied.
            stripeHasSubscription("past_due");
            String lateCreated = event(newId("evt"), "customer.subscription.created",
                    Instant.now().minus(1, ChronoUnit.HOURS), StripeTestEvents.subscription(subscription, customer,
                            orgId, "incomplete", PRO, periodEnd));
            assertThat(deliver(api, lateCreated).text("outcome")).isEqualTo("processed");

            // Still unpaid when the grace period ends: the free plan's limits.
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    assertThat(billing().path("fellBackToFree").asBoolean()).isTrue());
            assertThat(billing().path("status").asText()).isEqualTo("PAST_DUE");
            assertThat(billing().path("effectiveSeatLimit").asInt()).isEqualTo(5);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seatLimit()).isEqualTo(5));
            assertThat(features()).as("the free plan's features after the fallback").isEqualTo(FREE_FEATURES);
            assertThat(api.get("/api/orgs/" + orgId + "/features", owner.accessToken()).text("plan")).isEqualTo("free");

            // A later payment restores the paid plan.
            stripeHasSubscription("active");
            assertThat(deliver(api, invoiceEvent("invoice.paid")).text("outcome")).isEqualTo("processed");
            awaitBilling(restored -> {
                assertThat(restored.path("status").asText()).isEqualTo("ACTIVE");
                assertThat(restored.path("fellBackToFree").asBoolean()).isFalse();
            });
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seatLimit()).isEqualTo(20));
            assertThat(features()).as("the paid plan's features restored").isEqualTo(PRO_FEATURES);

            // Canceled at Stripe: back on the free plan.
            stripeHasSubscription("canceled");
            String deleted = event(newId("evt"), "customer.subscription.deleted", Instant.now(),
                    StripeTestEvents.subscription(subscription, customer, orgId, "canceled", PRO, periodEnd));
            assertThat(deliver(api, deleted).text("outcome")).isEqualTo("processed");
            awaitBilling(billing -> {
                assertThat(billing.path("status").asText()).isEqualTo("CANCELED");
                assertThat(billing.at("/plan/key").asText()).isEqualTo("free");
            });
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(seatLimit()).isEqualTo(5));
            assertThat(features()).isEqualTo(FREE_FEATURES);
        }

        /** What a fetch of the subscription from Stripe answers from now on. */
        void stripeHasSubscription(String status) {
            TestStripe.stub(get(urlPathEqualTo("/v1/subscriptions/" + subscription)), 200,
                    StripeTestEvents.subscription(subscription, customer, orgId, status, PRO, periodEnd));
        }

        String invoiceEvent(String type) {
            return event(newId("evt"), type, Instant.now(), invoice(newId("in"), customer, subscription, orgId, 2900));
        }

        JsonNode billing() {
            Response billing = api.get("/api/orgs/" + orgId + "/billing", owner.accessToken());
            assertThat(billing.status()).as(billing.toString()).isEqualTo(200);
            return billing.body();
        }

        void awaitBilling(java.util.function.Consumer<JsonNode> expectation) {
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> expectation.accept(billing()));
        }

        /** The effective features every member reads (GET …/features). */
        List<String> features() {
            Response features = api.get("/api/orgs/" + orgId + "/features", owner.accessToken());
            assertThat(features.status()).as(features.toString()).isEqualTo(200);
            List<String> keys = new ArrayList<>();
            features.body().path("features").forEach(key -> keys.add(key.asText()));
            return keys;
        }

        int seatLimit() {
            return api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body().path("seatLimit").asInt();
        }
    }
}
