package dev.tenantry.benchmark;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The failover run's checkouts: organizations of their own, set up before the run, each of which starts one checkout
 * (the checkout saga's Stripe calls) during the measured window, spread over it, one of them just before the kill
 * so that the killed node may be in the middle of its saga. Afterwards every acknowledged checkout must show its
 * Stripe session, and Stripe ({@link StripeStandIn}) must have made one customer and one session for each.
 */
final class FailoverCheckouts {

    static final int COUNT = 6;
    private static final String PLAN = "pro";
    private static final Duration CALL = Duration.ofSeconds(30);
    /** Before the kill by this much: the saga runs on the next event processor poll, within a few milliseconds. */
    private static final Duration BEFORE_KILL = Duration.ofMillis(150);

    /** One organization's checkout; {@code status} is 0 until it was sent. */
    record Checkout(String organizationId, String ownerToken, String node, int status, String checkoutId,
                    long sentAt) {

        /** 201 with the session's URL, or 202: the request was recorded and its saga runs. */
        boolean acknowledged() {
            return status == 201 || status == 202;
        }
    }

    private final List<Checkout> organizations;
    private final List<Checkout> sent = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "bench-checkouts");
        thread.setDaemon(true);
        return thread;
    });

    private FailoverCheckouts(List<Checkout> organizations) {
        this.organizations = organizations;
    }

    static FailoverCheckouts setUp(TenantryApi api, String runId) throws InterruptedException {
        List<Checkout> organizations = new ArrayList<>();
        for (int i = 0; i < COUNT; i++) {
            String prefix = "bench-" + runId + "-pay" + i;
            Call registered = api.register(prefix + "-owner@example.com", ClientLoop.PASSWORD, "Bench payer " + i);
            String token = required(registered, 201, "accessToken", "register payer " + i);
            String organizationId = required(api.createOrg(token, "Bench " + runId + " pay" + i), 201, "id",
                    "create payer " + i + "'s organization");
            organizations.add(new Checkout(organizationId, token, null, 0, null, 0));
        }
        return new FailoverCheckouts(organizations);
    }

    Set<String> organizationIds() {
        return organizations.stream().map(Checkout::organizationId).collect(Collectors.toSet());
    }

    /**
     * Schedules the checkouts over the window, each to the next node in turn that is not the killed one.
     *
     * @param nodes  the nodes' names and APIs, in order
     * @param killed the killed node's name, once it is killed
     */
    void schedule(Window window, long killAfterNanos, List<CommandLoop.Node> nodes, Supplier<String> killed,
                  PrintStream log) {
        long windowNanos = window.end() - window.measureFrom();
        for (int i = 0; i < organizations.size(); i++) {
            // Evenly over the window; the second one right before the kill.
            long at = i == 1 ? killAfterNanos - BEFORE_KILL.toNanos() : windowNanos * (2L * i + 1) / (2L * COUNT);
            Checkout organization = organizations.get(i);
            int first = i;
            scheduler.schedule(() -> send(organization, nodes, first, killed, log),
                    window.measureFrom() + at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
    }

    private void send(Checkout organization, List<CommandLoop.Node> nodes, int turn, Supplier<String> killed,
                      PrintStream log) {
        CommandLoop.Node node = nodes.get(turn % nodes.size());
        for (int step = 1; node.name().equals(killed.get()) && step < nodes.size(); step++) {
            node = nodes.get((turn + step) % nodes.size());
        }
        long sentAt = System.nanoTime();
        try {
            Call call = node.api().write("POST", organization.ownerToken(), "/api/orgs/" + organization.organizationId()
                    + "/billing/checkout", "{\"plan\":\"" + PLAN + "\"}", OwnTenant.correlationId());
            sent.add(new Checkout(organization.organizationId(), organization.ownerToken(), node.name(),
                    call.status(), Json.topLevelString(call.body(), "checkoutId").orElse(null), sentAt));
            if (call.status() / 100 != 2) {
                log.println("A checkout through " + node.name() + ": HTTP " + call.status() + " " + call.body());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits for the checkouts still due (they are all within the window), then stops the scheduler. */
    List<Checkout> sent() throws InterruptedException {
        scheduler.shutdown();
        scheduler.awaitTermination(CALL.toSeconds() * 2, TimeUnit.SECONDS);
        return List.copyOf(sent);
    }

    /** The acknowledged checkouts whose organization does not show that checkout open with its session's URL. */
    static List<Checkout> missingSessions(TenantryApi api, List<Checkout> checkouts) throws InterruptedException {
        List<Checkout> missing = new ArrayList<>();
        for (Checkout checkout : checkouts) {
            if (!checkout.acknowledged()) {
                continue;
            }
            Call billing = api.get(checkout.ownerToken(), "/api/orgs/" + checkout.organizationId() + "/billing", CALL);
            Optional<String> shown = billing.status() != 200 ? Optional.empty()
                    : Json.topLevelObject(billing.body(), "checkout")
                    .filter(open -> checkout.checkoutId() != null
                            && Json.topLevelString(open, "id").filter(checkout.checkoutId()::equals).isPresent())
                    .flatMap(open -> Json.topLevelString(open, "url"));
            if (shown.isEmpty()) {
                missing.add(checkout);
            }
        }
        return missing;
    }

    static String describe(List<Checkout> checkouts) {
        return checkouts.stream().map(checkout -> String.format(Locale.ROOT, "%s via %s: %d", checkout.organizationId(),
                checkout.node(), checkout.status())).collect(Collectors.joining(", "));
    }

    private static String required(Call call, int status, String field, String what) {
        return (call.status() == status ? Json.topLevelString(call.body(), field) : Optional.<String>empty())
                .orElseThrow(() -> new IllegalStateException("could not " + what + ": HTTP " + call.status() + " "
                        + call.body()));
    }
}
