package dev.tenantry.infra.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.billing.StripeTestEvents;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.MutableClock;
import dev.tenantry.testsupport.PlatformAdmin;
import dev.tenantry.testsupport.Team;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static dev.tenantry.infra.billing.StripeTestEvents.ENTERPRISE;
import static dev.tenantry.infra.billing.StripeTestEvents.PRO;
import static dev.tenantry.infra.billing.StripeTestEvents.deliver;
import static dev.tenantry.infra.billing.StripeTestEvents.event;
import static dev.tenantry.infra.billing.StripeTestEvents.newId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A known history in 2021 (a window no other test uses), built through the API and Stripe's webhooks with Axon's
 * event clock set to each step's instant, and the exact figures it must give. The shared database holds every
 * other test's data too, so time series and cohorts are asked for 2021 only, and the overview by its change.
 */
@IntegrationTest
class PlatformAnalyticsTest {

    private static final Instant PERIOD_END = Instant.parse("2021-12-31T00:00:00Z");
    private static final String MONTHS_2021 = "&from=2021-01-01T00:00:00Z&to=2022-01-01T00:00:00Z&interval=month";

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    /** Axon stamps every new event message with this clock's time; the test moves it. */

    /** One organization paying through Stripe, webhooks built from Stripe's example objects. */
    private record Payer(String organizationId, String customerId, String subscriptionId) {

        String subscriptionEvent(String type, Instant created, String status, String price) {
            return event(newId("evt"), type, created, StripeTestEvents.subscription(subscriptionId, customerId,
                    organizationId, status, price, PERIOD_END));
        }

        String invoiceEvent(String type, Instant created) {
            return event(newId("evt"), type, created, StripeTestEvents.invoice(newId("in"), customerId,
                    subscriptionId, organizationId, 2900));
        }
    }

    private ApiClient api;
    private MutableClock clock;
    private final String tag = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aKnownHistoryGivesExactFiguresAndARebuildReproducesThem() {
        api = new ApiClient(port);
        String admin = PlatformAdmin.accessToken(api);
        JsonNode overviewBefore = ok(api.get("/api/admin/analytics/overview", admin));
        Map<String, String> orgs = new LinkedHashMap<>();
        // A deadline left by an earlier test (a reconciliation retry) would fire under the 2021 clock and be counted.
        await("earlier tests' imminent deadlines done").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(250)).until(() -> jdbc.queryForObject("""
                        select count(*) from scheduled_tasks
                        where task_name = 'AxonDeadline' and execution_time < now() + interval '2 minutes'""",
                        Integer.class) == 0);
        Clock original = GenericEventMessage.clock;
        clock = new MutableClock(at("2021-01-05T10:00:00Z"));
        GenericEventMessage.clock = clock;
        try {
            // January: three organizations; two start paying for pro.
            step("2021-01-05T10:00:00Z", () -> orgs.put("A", api.createOrganization(api.register("Ada Analytics"),
                    "Analytics A " + tag)));
            Payer a = payer(orgs.get("A"));
            step("2021-01-10T10:00:00Z", () -> deliverOk(a.subscriptionEvent("customer.subscription.updated",
                    now(), "active", PRO)));
            step("2021-01-20T10:00:00Z", () -> orgs.put("B", api.createOrganization(api.register("Bo Analytics"),
                    "Analytics B " + tag)));
            Payer b = payer(orgs.get("B"));
            step("2021-01-25T10:00:00Z", () -> deliverOk(b.subscriptionEvent("customer.subscription.updated",
                    now(), "active", PRO)));
            User[] ownerC = new User[1];
            step("2021-01-28T10:00:00Z", () -> {
                ownerC[0] = api.register("Cy Analytics");
                orgs.put("C", api.createOrganization(ownerC[0], "Analytics C " + tag));
            });
            // February: a member joins C by invitation; D signs up; A upgrades mid-month.
            step("2021-02-03T10:00:00Z", () -> new Team(api, commands).join(orgs.get("C"), ownerC[0], Role.MEMBER,
                    "Cid Member"));
            User[] ownerD = new User[1];
            step("2021-02-10T10:00:00Z", () -> {
                ownerD[0] = api.register("Di Analytics");
                orgs.put("D", api.createOrganization(ownerD[0], "Analytics D " + tag));
            });
            Payer d = payer(orgs.get("D"));
            step("2021-02-15T10:00:00Z", () -> deliverOk(a.subscriptionEvent("customer.subscription.updated",
                    now(), "active", ENTERPRISE)));
            // March: D pays for enterprise; B's payment fails and, after the grace period ran out, recovers.
            step("2021-03-05T10:00:00Z", () -> deliverOk(d.subscriptionEvent("customer.subscription.updated",
                    now(), "active", ENTERPRISE)));
            step("2021-03-18T10:00:00Z", () -> {
                deliverOk(b.invoiceEvent("invoice.payment_failed", now()));
                // Its grace deadline (7 days after 2021-03-18) is due at once: let it fire at this step's time.
                awaitEvent(b.organizationId(), "GracePeriodExpiredEvent");
            });
            step("2021-03-22T10:00:00Z", () -> deliverOk(b.invoiceEvent("invoice.paid", now())));
            // April: B churns. May: D downgrades mid-month. June: C closes.
            step("2021-04-15T10:00:00Z", () -> deliverOk(b.subscriptionEvent("customer.subscription.deleted",
                    now(), "canceled", PRO)));
            step("2021-05-12T10:00:00Z", () -> deliverOk(d.subscriptionEvent("customer.subscription.updated",
                    now(), "active", PRO)));
            step("2021-06-01T10:00:00Z", () -> assertThat(api.delete("/api/orgs/" + orgs.get("C"),
                    ownerC[0].accessToken()).status()).isEqualTo(204));
        } finally {
            GenericEventMessage.clock = original;
        }
        assertThat(state(orgs.get("B"))).isEqualTo("CANCELED");

        Map<String, List<Long>> monthly = new LinkedHashMap<>();
        monthly.put("organization-signups", List.of(3L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("user-signups", List.of(3L, 2L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("new-paid-subscriptions", List.of(2L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("upgrades", List.of(0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("downgrades", List.of(0L, 0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("churned-subscriptions", List.of(0L, 0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("failed-payments", List.of(0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        monthly.put("invitations-accepted", List.of(0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L, 0L));
        // At each month's end: A pro, + B pro; A enterprise; + D enterprise (B past due still counts); B churned;
        // D on pro.
        monthly.put("mrr", List.of(5800L, 12800L, 22700L, 19800L, 12800L, 12800L, 12800L, 12800L, 12800L, 12800L,
                12800L, 12800L));
        monthly.forEach((metric, expected) -> {
            JsonNode series = ok(api.get("/api/admin/analytics/timeseries?metric=" + metric + MONTHS_2021, admin));
            assertThat(values(series)).as(metric).isEqualTo(expected);
            assertThat(series.path("metric").asText()).isEqualTo(metric);
            assertThat(series.path("interval").asText()).isEqualTo("month");
            assertThat(series.path("points").get(1).path("start").asText()).isEqualTo("2021-02-01T00:00:00Z");
            assertThat(series.path("points").get(1).path("end").asText()).isEqualTo("2021-03-01T00:00:00Z");
        });

        // By day around B's failed payment: MRR does not drop while it is past due.
        String days = "&from=2021-03-17T00:00:00Z&to=2021-03-24T00:00:00Z&interval=day";
        assertThat(values(ok(api.get("/api/admin/analytics/timeseries?metric=failed-payments" + days, admin))))
                .containsExactly(0L, 1L, 0L, 0L, 0L, 0L, 0L);
        assertThat(values(ok(api.get("/api/admin/analytics/timeseries?metric=mrr" + days, admin))))
                .containsExactly(22700L, 22700L, 22700L, 22700L, 22700L, 22700L, 22700L);
        // By ISO week: from a Wednesday, the first bucket starts on its Monday; A upgraded on Monday 15 February.
        JsonNode weeks = ok(api.get("/api/admin/analytics/timeseries?metric=upgrades&interval=week"
                + "&from=2021-02-10T00:00:00Z&to=2021-03-01T00:00:00Z", admin));
        assertThat(weeks.path("from").asText()).isEqualTo("2021-02-08T00:00:00Z");
        assertThat(StreamSupport.stream(weeks.path("points").spliterator(), false)
                .map(point -> point.path("start").asText()).toList())
                .containsExactly("2021-02-08T00:00:00Z", "2021-02-15T00:00:00Z", "2021-02-22T00:00:00Z");
        assertThat(values(weeks)).containsExactly(0L, 1L, 0L);

        // Cohorts: January (A, B, C) and February (D); paying at signup + k months.
        JsonNode cohorts = ok(api.get("/api/admin/analytics/cohorts?from=2021-01&to=2021-03&months=4", admin));
        assertThat(cohorts.path("cohorts")).hasSize(3);
        assertCohort(cohorts.path("cohorts").get(0), "2021-01", 3, List.of(2L, 2L, 1L, 1L),
                List.of(0.6667, 0.6667, 0.3333, 0.3333));
        assertCohort(cohorts.path("cohorts").get(1), "2021-02", 1, List.of(1L, 1L, 1L, 1L),
                List.of(1.0, 1.0, 1.0, 1.0));
        assertCohort(cohorts.path("cohorts").get(2), "2021-03", 0, List.of(0L, 0L, 0L, 0L),
                List.of(0.0, 0.0, 0.0, 0.0));

        // Overview, by its change: A on enterprise and D on pro pay; B canceled; C closed.
        JsonNode overview = ok(api.get("/api/admin/analytics/overview", admin));
        assertThat(delta(overviewBefore, overview, "/organizations/total")).isEqualTo(4);
        assertThat(delta(overviewBefore, overview, "/organizations/active")).isEqualTo(3);
        assertThat(delta(overviewBefore, overview, "/paying/total")).isEqualTo(2);
        assertThat(delta(overviewBefore, overview, "/paying/byPlan/pro")).isEqualTo(1);
        assertThat(delta(overviewBefore, overview, "/paying/byPlan/enterprise")).isEqualTo(1);
        assertThat(delta(overviewBefore, overview, "/mrr/totalCents")).isEqualTo(12800);
        assertThat(delta(overviewBefore, overview, "/mrr/byPlan/pro")).isEqualTo(2900);
        assertThat(delta(overviewBefore, overview, "/mrr/byPlan/enterprise")).isEqualTo(9900);
        assertThat(delta(overviewBefore, overview, "/trialing")).isZero();
        assertThat(delta(overviewBefore, overview, "/pastDue")).isZero();
        assertThat(overview.at("/mrr/currency").asText()).isEqualTo("usd");
        long paying = overview.at("/paying/total").asLong();
        assertThat(overview.path("arpaCents").asLong())
                .isEqualTo(Math.round((double) overview.at("/mrr/totalCents").asLong() / paying));

        // Support search over these four: newest first, by name or slug in any case, by plan and statuses.
        JsonNode bySlug = ok(api.get("/api/admin/orgs?q=ANALYTICS-A-" + tag.toUpperCase(), admin));
        assertThat(ids(bySlug)).containsExactly(orgs.get("A"));
        assertThat(bySlug.path("total").asLong()).isEqualTo(1);
        JsonNode page0 = ok(api.get("/api/admin/orgs?q=" + tag.toUpperCase() + "&size=3", admin));
        assertThat(page0.path("total").asLong()).isEqualTo(4);
        assertThat(ids(page0)).containsExactly(orgs.get("D"), orgs.get("C"), orgs.get("B"));
        JsonNode page1 = ok(api.get("/api/admin/orgs?q=" + tag + "&size=3&page=1", admin));
        assertThat(ids(page1)).containsExactly(orgs.get("A"));
        assertThat(ids(ok(api.get("/api/admin/orgs?q=" + tag + "&plan=enterprise", admin))))
                .containsExactly(orgs.get("A"));
        assertThat(ids(ok(api.get("/api/admin/orgs?q=" + tag + "&status=closed", admin))))
                .containsExactly(orgs.get("C"));
        assertThat(ids(ok(api.get("/api/admin/orgs?q=" + tag + "&subscriptionStatus=CANCELED", admin))))
                .containsExactly(orgs.get("B"));
        JsonNode listedA = page1.path("items").get(0);
        assertThat(listedA.path("name").asText()).isEqualTo("Analytics A " + tag);
        assertThat(listedA.path("plan").asText()).isEqualTo("enterprise");
        assertThat(listedA.path("subscriptionStatus").asText()).isEqualTo("ACTIVE");
        assertThat(listedA.path("createdAt").asText()).isEqualTo("2021-01-05T10:00:00Z");

        JsonNode detail = ok(api.get("/api/admin/orgs/" + orgs.get("C"), admin));
        assertThat(detail.at("/organization/status").asText()).isEqualTo("CLOSED");
        assertThat(detail.at("/subscription/plan").asText()).isEqualTo("free");
        assertThat(StreamSupport.stream(detail.path("members").spliterator(), false)
                .map(member -> member.path("role").asText() + " " + member.path("displayName").asText()
                        + " " + member.path("email").asText().contains("@"))
                .toList()).containsExactlyInAnyOrder("OWNER Cy Analytics true", "MEMBER Cid Member true");
        JsonNode detailA = ok(api.get("/api/admin/orgs/" + orgs.get("A"), admin));
        assertThat(detailA.at("/subscription/status").asText()).isEqualTo("ACTIVE");
        assertThat(detailA.at("/subscription/stripeCustomerId").asText()).startsWith("cus_");

        // A rebuild of the read model from the events reproduces every figure.
        Map<String, JsonNode> before = figures(admin);
        Response rebuilt = api.post("/api/admin/projections/platform-analytics/rebuild", admin, null);
        assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode projection = StreamSupport.stream(ok(api.get("/api/admin/projections", admin)).path("items")
                    .spliterator(), false).filter(p -> p.path("name").asText().equals("platform-analytics"))
                    .findFirst().orElseThrow();
            assertThat(projection.path("error").asBoolean()).isFalse();
            assertThat(projection.path("lag").asLong()).isZero();
        });
        assertThat(figures(admin)).isEqualTo(before);
    }

    private Map<String, JsonNode> figures(String admin) {
        Map<String, JsonNode> figures = new LinkedHashMap<>();
        for (String metric : List.of("organization-signups", "user-signups", "mrr", "new-paid-subscriptions",
                "churned-subscriptions", "upgrades", "downgrades", "failed-payments", "invitations-accepted")) {
            figures.put(metric, ok(api.get("/api/admin/analytics/timeseries?metric=" + metric + MONTHS_2021, admin)));
        }
        ObjectNode cohorts = (ObjectNode) ok(api.get("/api/admin/analytics/cohorts?from=2021-01&to=2021-03&months=4",
                admin));
        cohorts.remove("asOf"); // the time of the request
        figures.put("cohorts", cohorts);
        figures.put("orgs", ok(api.get("/api/admin/orgs?q=" + tag, admin)));
        return figures;
    }

    /** Sets the event clock to the instant, runs the step, and waits until everything it set off has settled. */
    private void step(String instant, Runnable action) {
        clock.set(at(instant));
        action.run();
        settle();
    }

    private Instant now() {
        return clock.instant();
    }

    private static Instant at(String instant) {
        return Instant.parse(instant);
    }

    private Payer payer(String organizationId) {
        return new Payer(organizationId, newId("cus"), newId("sub"));
    }

    private void deliverOk(String body) {
        Response response = deliver(api, body);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("outcome")).as(response.toString()).isEqualTo("processed");
    }

    /**
     * Waits until every streaming processor (projections, sagas, policies) has handled the newest event, twice in
     * a row: a saga's commands add events, which must be stamped before the clock moves on.
     */
    private void settle() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long settled = -2;
        while (true) {
            Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
            long current = head == null ? -1 : head;
            List<String> behind = processorsBehind(current);
            boolean caughtUp = behind.isEmpty();
            if (caughtUp && current == settled) {
                return;
            }
            settled = caughtUp ? current : -2;
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Event processors did not settle at event " + current + " within 30 s: "
                        + behind);
            }
            pause();
        }
    }

    /**
     * The processors (with their segments' tokens) that have not handled the event at {@code index}; "live-"
     * relays only push to connected clients and write no events.
     */
    private List<String> processorsBehind(long index) {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(processor -> processor.isRunning() && !processor.isError()
                        && !processor.getName().startsWith("live-"))
                .filter(processor -> !processor.processingStatus().values().stream()
                        .allMatch(status -> ProjectionCatchUp.covers(status, List.of(index))))
                .map(processor -> processor.getName() + " " + processor.processingStatus().values().stream()
                        .map(status -> String.valueOf(status.getTrackingToken())).toList())
                .toList();
    }

    private void awaitEvent(String organizationId, String type) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> jdbc.queryForObject("""
                        select count(*) from domain_event_entry
                        where payload_type like ? and convert_from(payload, 'UTF8') like ?""", Long.class,
                "%." + type, "%" + organizationId + "%") > 0);
    }

    private String state(String organizationId) {
        return jdbc.queryForObject("select subscription_status from analytics_organization where tenant_id = ?",
                String.class, organizationId);
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static JsonNode ok(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static List<Long> values(JsonNode series) {
        List<Long> values = new ArrayList<>();
        series.path("points").forEach(point -> values.add(point.path("value").asLong()));
        return values;
    }

    private static List<String> ids(JsonNode page) {
        return StreamSupport.stream(page.path("items").spliterator(), false).map(item -> item.path("id").asText())
                .toList();
    }

    private static long delta(JsonNode before, JsonNode after, String pointer) {
        return after.at(pointer).asLong() - before.at(pointer).asLong();
    }

    private static void assertCohort(JsonNode cohort, String month, long organizations, List<Long> paying,
                                     List<Double> shares) {
        assertThat(cohort.path("month").asText()).isEqualTo(month);
        assertThat(cohort.path("organizations").asLong()).as(month).isEqualTo(organizations);
        List<Long> counts = new ArrayList<>();
        List<Double> actualShares = new ArrayList<>();
        List<Integer> ages = new ArrayList<>();
        cohort.path("paying").forEach(retention -> {
            ages.add(retention.path("month").asInt());
            counts.add(retention.path("organizations").asLong());
            actualShares.add(retention.path("share").asDouble());
        });
        assertThat(ages).as(month).containsExactly(1, 2, 3, 4);
        assertThat(counts).as(month).isEqualTo(paying);
        assertThat(actualShares).as(month).isEqualTo(shares);
    }
}
