package dev.tenantry.infra.billing;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.command.billing.CheckoutSaga;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.TestStripe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node dies after its checkout saga called Stripe and before the saga's batch committed: PostgreSQL rolls the batch
 * back, and the processor (on this node or, after a takeover, on another) handles the same event again. The second
 * run asks Stripe under the same idempotency keys, so Stripe makes one customer and one session, and the app records
 * one session, one saga and one expiry deadline.
 * <p>
 * The death is a trigger that fails the batch's first append of the session's event, once: the failure aborts the
 * batch's transaction after the Stripe calls, as a killed node's lost connection does.
 */
@IntegrationTest
class CheckoutSagaRerunTest {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private final String crash = "saga_crash_" + UUID.randomUUID().toString().replace("-", "");

    @AfterEach
    void removeTheCrash() {
        jdbc.execute("drop trigger if exists " + crash + " on domain_event_entry");
        jdbc.execute("drop function if exists " + crash + "()");
        jdbc.execute("drop sequence if exists " + crash);
    }

    @Test
    void aSagaBatchRolledBackAfterItsStripeCallsCallsAgainUnderTheSameKeysAndTakesEffectOnce() {
        ApiClient api = new ApiClient(port);
        User owner = api.register("Rita Rerun");
        String orgId = api.createOrganization(owner, "Rerun Co");
        stubStripe(orgId);
        failTheFirstSessionRecordOf(SubscriptionIds.of(orgId));

        Response checkout = api.post("/api/orgs/" + orgId + "/billing/checkout", owner.accessToken(),
                Map.of("plan", "pro"));
        assertThat(checkout.status()).as(checkout.toString()).isIn(201, 202);
        String url = "https://checkout.stripe.com/c/pay/cs_rerun_" + orgId;
        await("the checkout's url, after the rerun").atMost(Duration.ofSeconds(30))
                .until(() -> url.equals(api.get("/api/orgs/" + orgId + "/billing", owner.accessToken()).body()
                        .at("/checkout/url").asText()));
        String checkoutId = SubscriptionHistory.ofType(jdbc, orgId, "CheckoutRequestedEvent").get(0).text("checkoutId");

        assertThat(jdbc.queryForObject("select last_value from " + crash, Long.class))
                .as("the first batch failed after the Stripe calls").isGreaterThanOrEqualTo(1);
        List<LoggedRequest> customers = TestStripe.server().findAll(postRequestedFor(urlPathEqualTo("/v1/customers"))
                .withRequestBody(containing(orgId)));
        List<LoggedRequest> sessions = TestStripe.server().findAll(
                postRequestedFor(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing(orgId)));
        assertThat(sessions).as("the saga handled the event twice").hasSize(2);
        assertThat(customers).hasSize(2);
        assertThat(customers).extracting(request -> request.getHeader("Idempotency-Key"))
                .as("one customer for Stripe").containsOnly("customer-" + checkoutId);
        assertThat(sessions).extracting(request -> request.getHeader("Idempotency-Key"))
                .as("one session for Stripe").containsOnly("checkout-" + checkoutId);

        assertThat(SubscriptionHistory.ofType(jdbc, orgId, "CheckoutSessionCreatedEvent")).as("recorded once")
                .hasSize(1);
        assertThat(jdbc.queryForObject("""
                        select count(distinct saga_id) from association_value_entry
                        where saga_type = ? and association_value = ?""",
                Integer.class, CheckoutSaga.class.getName(), checkoutId)).as("one saga").isOne();
        assertThat(jdbc.queryForObject("""
                        select count(*) from scheduled_tasks
                        where task_name = 'AxonDeadline' and position(convert_to(?, 'UTF8') in task_data) > 0""",
                Integer.class, checkoutId)).as("one expiry deadline").isOne();
    }

    private void failTheFirstSessionRecordOf(String subscriptionId) {
        // A sequence, not a table: nextval is not rolled back with the batch it failed.
        jdbc.execute("create sequence " + crash);
        jdbc.execute("create function " + crash + "() returns trigger language plpgsql as $$ begin "
                + "if nextval('" + crash + "') = 1 then raise exception 'node died before the saga committed'; "
                + "end if; return new; end $$");
        jdbc.execute("create trigger " + crash + " before insert on domain_event_entry for each row when ("
                + "new.aggregate_identifier = '" + subscriptionId + "' and new.payload_type = "
                + "'dev.tenantry.api.billing.CheckoutSessionCreatedEvent') execute function " + crash + "()");
    }

    private static void stubStripe(String orgId) {
        TestStripe.stubCheckout(orgId, "cus_rr_" + orgId.substring(0, 8), "cs_rerun_" + orgId);
    }
}
