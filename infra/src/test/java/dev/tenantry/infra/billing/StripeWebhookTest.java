package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.infra.billing.SubscriptionHistory.Event;
import dev.tenantry.infra.billing.SubscriptionHistory.State;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.RateLimitCounters;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.tenantry.infra.billing.StripeTestEvents.ENTERPRISE;
import static dev.tenantry.infra.billing.StripeTestEvents.PRO;
import static dev.tenantry.infra.billing.StripeTestEvents.WEBHOOK_SECRET;
import static dev.tenantry.infra.billing.StripeTestEvents.checkoutSession;
import static dev.tenantry.infra.billing.StripeTestEvents.deliver;
import static dev.tenantry.infra.billing.StripeTestEvents.event;
import static dev.tenantry.infra.billing.StripeTestEvents.invoice;
import static dev.tenantry.infra.billing.StripeTestEvents.newId;
import static dev.tenantry.infra.billing.StripeTestEvents.subscription;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stripe's webhook over real HTTP on a real PostgreSQL, with events built from Stripe's example objects and signed
 * the way Stripe signs them. No Stripe API is configured in tests, so reconciliation always falls back to the
 * events' payloads: these tests show that this alone converges whatever the order.
 */
@IntegrationTest
class StripeWebhookTest {

    /** Whole seconds, as Stripe's timestamps are. */
    private static final Instant T1 = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
    private static final Instant PERIOD_END = T1.plus(Duration.ofDays(30));

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    EventProcessingConfiguration processing;

    @Autowired
    CommandGateway commands;

    private ApiClient api;
    private ApiClient.User owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Stripe Payer");
    }

    /** One organization's Stripe subscription, with the events Stripe would send about it. */
    private final class Customer {
        final String organizationId;
        final String customerId = newId("cus");
        final String subscriptionId = newId("sub");

        Customer(String organizationId) {
            this.organizationId = organizationId;
        }

        String subscriptionEvent(String eventId, String type, Instant created, String status, String price) {
            return event(eventId, type, created,
                    subscription(subscriptionId, customerId, organizationId, status, price, PERIOD_END));
        }

        String invoiceEvent(String eventId, String type, Instant created, long amountCents) {
            return event(eventId, type, created,
                    invoice(newId("in"), customerId, subscriptionId, organizationId, amountCents));
        }

        List<Event> history() {
            return SubscriptionHistory.of(jdbc, organizationId);
        }

        List<Event> history(String type) {
            return SubscriptionHistory.ofType(jdbc, organizationId, type);
        }

        State state() {
            return SubscriptionHistory.stateOf(history());
        }
    }

    private Customer newCustomer() {
        // One owner founds every customer here, more than one user may in an hour.
        RateLimitCounters.forget(jdbc, "organization-creation", owner.id());
        return new Customer(api.createOrganization(owner, "Stripe Co " + UUID.randomUUID().toString().substring(0, 8)));
    }

    private void awaitReconciled(Customer... customers) {
        SubscriptionHistory.awaitReconciled(processing, jdbc,
                Arrays.stream(customers).map(c -> c.organizationId).toArray(String[]::new));
    }

    private static void assertOutcome(Response response, String outcome) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().path("received").asBoolean()).isTrue();
        assertThat(response.text("outcome")).as(response.toString()).isEqualTo(outcome);
    }

    private Map<String, Object> recorded(String eventId) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "select type, organization_id, outcome, created_at from stripe_webhook_event where event_id = ?",
                eventId);
        return rows.isEmpty() ? null : rows.get(0);
    }

    @Test
    void anActiveProSubscriptionActivatesTheProPlanAndTheEventCarriesTheStripeEventId() {
        Customer customer = newCustomer();
        String eventId = newId("evt");

        assertOutcome(deliver(api, customer.subscriptionEvent(eventId, "customer.subscription.updated", T1, "active",
                PRO)), "processed");
        awaitReconciled(customer);

        List<Event> activated = customer.history("SubscriptionActivatedEvent");
        assertThat(activated).hasSize(1);
        Event event = activated.get(0);
        assertThat(event.text("stripeEventId")).isEqualTo(eventId);
        assertThat(event.text("plan")).isEqualTo("pro");
        assertThat(event.text("status")).isEqualTo("ACTIVE");
        assertThat(event.text("stripeSubscriptionId")).isEqualTo(customer.subscriptionId);
        assertThat(event.text("stripeCustomerId")).isEqualTo(customer.customerId);
        assertThat(Instant.parse(event.text("currentPeriodEnd"))).isEqualTo(PERIOD_END);
        assertThat(event.metaData().path("tenantId").asText()).isEqualTo(customer.organizationId);
        List<Event> received = customer.history("StripeEventReceivedEvent");
        assertThat(received).singleElement().satisfies(receipt -> {
            assertThat(receipt.text("stripeEventId")).isEqualTo(eventId);
            assertThat(receipt.text("type")).isEqualTo("customer.subscription.updated");
            assertThat(receipt.payload().at("/payloadSnapshot/priceId").asText()).isEqualTo(PRO);
            assertThat(Instant.parse(receipt.payload().at("/payloadSnapshot/observedAt").asText())).isEqualTo(T1);
        });
        assertThat(recorded(eventId)).containsEntry("type", "customer.subscription.updated")
                .containsEntry("organization_id", customer.organizationId).containsEntry("outcome", "processed");
        assertThat(jdbc.queryForList("select organization_id from stripe_customer where customer_id = ?",
                String.class, customer.customerId)).containsExactly(customer.organizationId);
    }

    @Test
    void aRedeliveredEventAnswers200AndChangesNothing() {
        Customer customer = newCustomer();
        String updated = customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1, "active", PRO);
        String paid = customer.invoiceEvent(newId("evt"), "invoice.paid", T1.plusSeconds(1), 2900);
        assertOutcome(deliver(api, updated), "processed");
        assertOutcome(deliver(api, paid), "processed");
        awaitReconciled(customer);
        List<Event> before = customer.history();

        assertOutcome(deliver(api, updated), "duplicate");
        assertOutcome(deliver(api, paid), "duplicate");
        awaitReconciled(customer);

        assertThat(customer.history()).isEqualTo(before);
        assertThat(customer.history("PaymentSucceededEvent")).hasSize(1);
        assertThat(customer.history("SubscriptionActivatedEvent")).hasSize(1);
    }

    @Test
    void aMissingBadOrStaleSignatureAnswers400AndChangesNothing() {
        Customer customer = newCustomer();
        String eventId = newId("evt");
        String body = customer.subscriptionEvent(eventId, "customer.subscription.updated", T1, "active", PRO);
        long now = Instant.now().getEpochSecond();

        Map<String, Response> refused = new HashMap<>();
        refused.put("no header", deliver(api, body, null));
        refused.put("empty header", deliver(api, body, ""));
        refused.put("another secret", deliver(api, body, StripeSigning.header("whsec_not_ours", now, body)));
        refused.put("stale", deliver(api, body, StripeSigning.header(WEBHOOK_SECRET, now - 301, body)));
        // Well past the tolerance: "now" ages while the earlier deliveries run (StripeSignatureTest has the edges).
        refused.put("from the future", deliver(api, body, StripeSigning.header(WEBHOOK_SECRET, now + 360, body)));
        refused.put("changed body", deliver(api, body.replace("\"active\"", "\"canceled\""),
                StripeSigning.header(WEBHOOK_SECRET, now, body)));
        refused.put("no v1", deliver(api, body, "t=" + now));
        refused.put("garbage", deliver(api, body, "not a signature"));

        assertThat(refused).allSatisfy((why, response) -> {
            assertThat(response.status()).as(why + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("invalid-signature");
            assertThat(response.text("type")).isEqualTo("https://tenantry.dev/problems/invalid-signature");
        });
        assertThat(recorded(eventId)).isNull();
        assertThat(customer.history()).extracting(Event::type).containsExactly("SubscriptionStartedEvent");

        // Nothing was recorded, so the same event, properly signed, is processed.
        assertOutcome(deliver(api, body), "processed");
    }

    @Test
    void aSignedBodyThatIsNotAStripeEventAnswers400AndRecordsNothing() {
        String body = "{\"hello\":\"world\"}";

        Response response = deliver(api, body);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("code")).isEqualTo("malformed-event");
        assertThat(deliver(api, "not json").text("code")).isEqualTo("malformed-event");
    }

    /**
     * The same four events (created incomplete, updated active on pro, the first invoice paid, updated active on
     * enterprise) in every order, each order to its own organization: all end in the same state.
     */
    @Test
    void theSameEventsInEveryOrderEndInTheSameState() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2, 3));
        List<Customer> customers = new ArrayList<>();
        for (List<Integer> order : orders) {
            Customer customer = newCustomer();
            customers.add(customer);
            List<String> events = List.of(
                    customer.subscriptionEvent(newId("evt"), "customer.subscription.created", T1, "incomplete",
                            PRO),
                    customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1.plusSeconds(60),
                            "active", PRO),
                    customer.invoiceEvent(newId("evt"), "invoice.paid", T1.plusSeconds(61), 2900),
                    customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1.plusSeconds(120),
                            "active", ENTERPRISE));
            for (int index : order) {
                assertOutcome(deliver(api, events.get(index)), "processed");
            }
        }
        awaitReconciled(customers.toArray(Customer[]::new));

        for (int i = 0; i < customers.size(); i++) {
            Customer customer = customers.get(i);
            assertThat(customer.state()).as("order %s", orders.get(i)).isEqualTo(new State("enterprise", "ACTIVE",
                    customer.subscriptionId, PERIOD_END.toString()));
            assertThat(customer.history("PaymentSucceededEvent")).as("order %s", orders.get(i)).hasSize(1);
            assertThat(customer.history("StripeEventReceivedEvent")).as("order %s", orders.get(i)).hasSize(3);
            assertThat(customer.history("SubscriptionActivatedEvent")).as("order %s", orders.get(i)).hasSize(1);
        }
    }

    /** Active, then a renewal that failed: in every order the organization ends past due on its paid plan. */
    @Test
    void aSubscriptionFallingIntoDunningEndsPastDueInEveryOrder() {
        List<List<Integer>> orders = permutations(List.of(0, 1, 2));
        List<Customer> customers = new ArrayList<>();
        for (List<Integer> order : orders) {
            Customer customer = newCustomer();
            customers.add(customer);
            List<String> events = List.of(
                    customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1, "active", PRO),
                    customer.invoiceEvent(newId("evt"), "invoice.payment_failed", T1.plusSeconds(60), 2900),
                    customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1.plusSeconds(61),
                            "past_due", PRO));
            for (int index : order) {
                assertOutcome(deliver(api, events.get(index)), "processed");
            }
        }
        awaitReconciled(customers.toArray(Customer[]::new));

        for (int i = 0; i < customers.size(); i++) {
            Customer customer = customers.get(i);
            assertThat(customer.state()).as("order %s", orders.get(i)).isEqualTo(new State("pro", "PAST_DUE",
                    customer.subscriptionId, PERIOD_END.toString()));
            assertThat(customer.history("PaymentFailedEvent")).as("order %s", orders.get(i)).hasSize(1);
            assertThat(customer.history("SubscriptionPastDueEvent")).as("order %s", orders.get(i)).hasSize(1);
        }
    }

    @Test
    void aFailedPaymentOfAnActiveSubscriptionMakesItPastDue() {
        Customer customer = newCustomer();
        assertOutcome(deliver(api, customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1,
                "active", PRO)), "processed");
        awaitReconciled(customer);
        String failedId = newId("evt");

        assertOutcome(deliver(api, customer.invoiceEvent(failedId, "invoice.payment_failed", T1.plusSeconds(60),
                2900)), "processed");

        assertThat(customer.history("PaymentFailedEvent")).singleElement().satisfies(failed -> {
            assertThat(failed.text("stripeEventId")).isEqualTo(failedId);
            assertThat(failed.payload().path("amountCents").asLong()).isEqualTo(2900);
            assertThat(failed.text("currency")).isEqualTo("usd");
        });
        assertThat(customer.history("SubscriptionPastDueEvent")).singleElement()
                .satisfies(pastDue -> assertThat(pastDue.text("stripeEventId")).isEqualTo(failedId));
        assertThat(customer.state().status()).isEqualTo("PAST_DUE");
    }

    @Test
    void aDeletedSubscriptionIsCanceledAndTheOrganizationIsBackOnTheFreePlan() {
        Customer customer = newCustomer();
        assertOutcome(deliver(api, customer.subscriptionEvent(newId("evt"), "customer.subscription.updated", T1,
                "active", PRO)), "processed");
        String deletedId = newId("evt");
        assertOutcome(deliver(api, customer.subscriptionEvent(deletedId, "customer.subscription.deleted",
                T1.plusSeconds(60), "canceled", PRO)), "processed");
        awaitReconciled(customer);

        assertThat(customer.history("SubscriptionCanceledEvent")).singleElement()
                .satisfies(canceled -> assertThat(canceled.text("stripeEventId")).isEqualTo(deletedId));
        assertThat(customer.state().plan()).isEqualTo("free");
        assertThat(customer.state().status()).isEqualTo("CANCELED");
    }

    @Test
    void aTrialEndingSoonAndAPaymentNeedingActionAreRecordedWithTheirStripeEventIds() {
        Customer customer = newCustomer();
        Instant trialEnd = T1.plus(Duration.ofDays(3));
        ObjectNode trialing = subscription(customer.subscriptionId, customer.customerId, customer.organizationId,
                "trialing", PRO, PERIOD_END);
        trialing.put("trial_end", trialEnd.getEpochSecond());
        String trialId = newId("evt");
        String actionId = newId("evt");

        assertOutcome(deliver(api, event(trialId, "customer.subscription.trial_will_end", T1, trialing)),
                "processed");
        assertOutcome(deliver(api, customer.invoiceEvent(actionId, "invoice.payment_action_required", T1, 2900)),
                "processed");

        assertThat(customer.history("TrialEndingEvent")).singleElement().satisfies(ending -> {
            assertThat(ending.text("stripeEventId")).isEqualTo(trialId);
            assertThat(Instant.parse(ending.text("trialEnd"))).isEqualTo(trialEnd);
        });
        assertThat(customer.history("PaymentActionRequiredEvent")).singleElement()
                .satisfies(action -> assertThat(action.text("stripeEventId")).isEqualTo(actionId));
    }

    @Test
    void aCompletedCheckoutIsReconciledAndTeachesWhichOrganizationItsCustomerBelongsTo() {
        Customer customer = newCustomer();
        String checkoutId = newId("evt");

        assertOutcome(deliver(api, event(checkoutId, "checkout.session.completed", T1,
                checkoutSession(newId("cs"), customer.customerId, customer.organizationId,
                        customer.subscriptionId))), "processed");

        assertThat(customer.history("StripeEventReceivedEvent")).singleElement().satisfies(receipt -> {
            assertThat(receipt.text("stripeEventId")).isEqualTo(checkoutId);
            assertThat(receipt.text("stripeSubscriptionId")).isEqualTo(customer.subscriptionId);
            assertThat(receipt.payload().path("payloadSnapshot").isMissingNode()
                    || receipt.payload().path("payloadSnapshot").isNull()).isTrue();
        });
        // An invoice that names no organization is placed by its customer.
        String paidId = newId("evt");
        assertOutcome(deliver(api, event(paidId, "invoice.paid", T1.plusSeconds(5),
                invoice(newId("in"), customer.customerId, customer.subscriptionId, null, 2900))), "processed");
        assertThat(customer.history("PaymentSucceededEvent")).singleElement()
                .satisfies(paid -> assertThat(paid.text("stripeEventId")).isEqualTo(paidId));
        assertThat(recorded(paidId)).containsEntry("organization_id", customer.organizationId);
    }

    @Test
    void aCustomerThatReconciliationActivatedPlacesItsLaterInvoices() {
        Customer customer = newCustomer();
        // As the saga would apply a subscription fetched from Stripe: this customer was never in a webhook.
        commands.sendAndWait(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(customer.organizationId),
                customer.organizationId, newId("evt"), new StripeSubscriptionSnapshot(customer.subscriptionId,
                customer.customerId, SubscriptionStatus.ACTIVE, PRO, PERIOD_END, false, T1)));
        String paidId = newId("evt");

        assertOutcome(deliver(api, event(paidId, "invoice.paid", T1.plusSeconds(5),
                invoice(newId("in"), customer.customerId, customer.subscriptionId, null, 2900))), "processed");

        assertThat(customer.history("PaymentSucceededEvent")).singleElement()
                .satisfies(paid -> assertThat(paid.text("stripeEventId")).isEqualTo(paidId));
    }

    @Test
    void anEventOfAnUnhandledTypeAnswers200AndIsNeitherRecordedNorActedOn() {
        String eventId = newId("evt");
        // Stripe's example event: a plan.created, which is nothing to us.
        ObjectNode plan = JsonNodeFactory.instance.objectNode().put("id", "price_1PgafmB7WZ01zgkW6dKueIc5")
                .put("object", "plan");

        assertOutcome(deliver(api, event(eventId, "plan.created", T1, plan)), "unhandled");

        assertThat(recorded(eventId)).isNull();
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where convert_from(payload, 'UTF8') "
                + "like ?", Long.class, "%" + eventId + "%")).isZero();
    }

    @Test
    void anEventNoOrganizationCanBeFoundForIsRecordedAndAnswered200() {
        String eventId = newId("evt");
        String body = event(eventId, "customer.subscription.updated", T1,
                subscription(newId("sub"), newId("cus"), null, "active", PRO, PERIOD_END));

        assertOutcome(deliver(api, body), "unresolved");
        assertOutcome(deliver(api, body), "duplicate");

        assertThat(recorded(eventId)).containsEntry("outcome", "unresolved").containsEntry("organization_id", null);
        String invoiceId = newId("evt");
        assertOutcome(deliver(api, event(invoiceId, "invoice.paid", T1,
                invoice(newId("in"), newId("cus"), newId("sub"), null, 2900))), "unresolved");
    }

    @Test
    void anEventForAnOrganizationThatDoesNotExistIsRecordedAsRejectedAndAnswered200() {
        String stranger = UUID.randomUUID().toString();
        String eventId = newId("evt");
        String body = event(eventId, "invoice.paid", T1, invoice(newId("in"), newId("cus"), newId("sub"), stranger,
                2900));

        assertOutcome(deliver(api, body), "rejected");
        assertOutcome(deliver(api, body), "duplicate");

        // Recorded as rejected, not processed: the processing's own row was rolled back with its failed command.
        assertThat(recorded(eventId)).containsEntry("outcome", "rejected").containsEntry("organization_id", stranger);
        assertThat(SubscriptionHistory.of(jdbc, stranger)).isEmpty();
    }

    @Test
    void tenConcurrentDeliveriesOfOneEventAreProcessedExactlyOnce() throws Exception {
        Customer customer = newCustomer();
        String eventId = newId("evt");
        String body = customer.invoiceEvent(eventId, "invoice.paid", T1, 2900);
        int deliveries = 10;
        ExecutorService pool = Executors.newFixedThreadPool(deliveries);
        List<Response> responses = new ArrayList<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < deliveries; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return deliver(api, body);
                }));
            }
            start.countDown();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
                .isEqualTo(200));
        assertThat(responses).extracting(response -> response.text("outcome"))
                .containsOnly("processed", "duplicate").filteredOn("processed"::equals).hasSize(1);
        assertThat(customer.history("PaymentSucceededEvent")).singleElement()
                .satisfies(paid -> assertThat(paid.text("stripeEventId")).isEqualTo(eventId));
        assertThat(jdbc.queryForObject("select count(*) from stripe_webhook_event where event_id = ?", Long.class,
                eventId)).isEqualTo(1);
    }

    private static List<List<Integer>> permutations(List<Integer> items) {
        if (items.size() <= 1) {
            return List.of(items);
        }
        List<List<Integer>> result = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            List<Integer> rest = new ArrayList<>(items);
            Integer first = rest.remove(i);
            for (List<Integer> permutation : permutations(rest)) {
                List<Integer> order = new ArrayList<>();
                order.add(first);
                order.addAll(permutation);
                result.add(order);
            }
        }
        return result;
    }
}
