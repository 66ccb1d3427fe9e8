package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code --scenario failover}: three app nodes on one PostgreSQL, which runs in a process of its own, run the command
 * mix, and a third of the way into the measured window the node holding the most event processor segments is
 * killed with SIGKILL. Afterwards: how long until the survivors had taken over its segments and caught up, whether
 * every acknowledged write is still there (read models and audit stream), whether any side effect happened twice,
 * and whether the killed node, started again, serves. The nodes talk to a Stripe stand-in ({@link StripeStandIn}) in
 * this process, and a few organizations start checkouts during the run ({@link FailoverCheckouts}), so that the
 * checkout saga's Stripe calls are counted too.
 */
final class FailoverScenario {

    static final List<String> NODE_IDS = List.of("node-1", "node-2", "node-3");
    private static final Duration CLAIM_POLL = Duration.ofMillis(200);
    // Axon takes over a dead node's segment once its claim is older than the claim timeout (10 s) and the next try
    // to claim comes (every 5 s): minutes mean it does not happen at all.
    private static final Duration RECLAIM_BOUND = Duration.ofSeconds(120);
    private static final Duration CONVERGE_BOUND = Duration.ofSeconds(120);
    // No node gives segments away: a rejoining node claims only what is unclaimed, or what a node releases. Two of
    // Axon's claim intervals (5 s) are time enough to claim anything free.
    private static final Duration REJOIN_CLAIM_WAIT = Duration.ofSeconds(10);
    private static final Duration REJOIN_WRITE_SEEN = Duration.ofSeconds(30);
    private static final int LOST_SHOWN = 5;

    private final Options options;
    private final PrintStream log;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    /** The killed node's name, from the moment it is killed. */
    private volatile String killed;

    FailoverScenario(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    Outcome run() throws Exception {
        List<AppProcess> nodes = new CopyOnWriteArrayList<>();
        DatabaseProcess database = DatabaseProcess.launch(options.appJar(), log);
        // One hook for the whole cluster, so that the database goes after the nodes that use it (each node's own
        // hook only stops that node, and waits if this one is stopping it already).
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(nodes, database), "tenantry-failover-cleanup"));
        boolean ok = false;
        try (StripeStandIn stripe = StripeStandIn.start()) {
            database.awaitUp();
            startNodes(database.database(), nodes, stripe);
            Outcome outcome = measure(database.database(), nodes, stripe);
            ok = outcome.ok();
            return outcome;
        } finally {
            if (!ok) {
                nodes.forEach(AppProcess::keepLog);
                database.keepLog();
            }
            stopAll(nodes, database);
        }
    }

    private static void stopAll(List<AppProcess> nodes, DatabaseProcess database) {
        for (int i = nodes.size() - 1; i >= 0; i--) {
            nodes.get(i).close();
        }
        database.close();
    }

    /**
     * One after the other (together they would share the two cores and take as long), all on the database process.
     * The first to start claims every segment. All three share one JWT secret, as nodes behind one load balancer
     * must: a client moved to another node keeps its token, and the mail outbox's token key (derived from it)
     * decrypts on every node. Unset, each node would generate its own into its data dir.
     */
    private void startNodes(Database database, List<AppProcess> nodes, StripeStandIn stripe)
            throws IOException, InterruptedException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String jwtSecret = HexFormat.of().formatHex(secret);
        // Stripe signs every endpoint's webhooks with one secret, whichever node receives them.
        String webhookSecret = "whsec_bench_" + runId;
        for (String nodeId : NODE_IDS) {
            nodes.add(AppProcess.startNode(options.appJar(), options.appJvmArgs(), nodeId, database,
                    nodeArgs(nodeId, jwtSecret, webhookSecret, stripe), log));
        }
    }

    private static List<String> nodeArgs(String nodeId, String jwtSecret, String webhookSecret,
                                         StripeStandIn stripe) {
        List<String> args = new ArrayList<>(List.of("--tenantry.node-id=" + nodeId, "--tenantry.jwt.secret=" + jwtSecret,
                "--tenantry.stripe.webhook-secret=" + webhookSecret));
        args.addAll(stripe.appArgs());
        return args;
    }

    /**
     * The node killed, the segments right before the kill, and when the survivors had claimed them and caught up
     * with the event store.
     */
    private record Reclaim(String victim, long killedAt, double killedAtSecond, List<TokenClaims.Claim> atKill,
                           long reclaimedAt, long headAtReclaim, long caughtUpAt, List<TokenClaims.Claim> last) {

        Double reclaimedSeconds() {
            return reclaimedAt == 0 ? null : (reclaimedAt - killedAt) / 1e9;
        }

        Double caughtUpSeconds() {
            return caughtUpAt == 0 ? null : (caughtUpAt - killedAt) / 1e9;
        }

        List<String> victimSegments() {
            return atKill.stream().filter(claim -> victim.equals(claim.owner()))
                    .map(claim -> claim.processor() + "/" + claim.segment()).toList();
        }
    }

    private Outcome measure(Database database, List<AppProcess> nodes, StripeStandIn stripe) throws Exception {
        AppProcess first = nodes.get(0);
        MailLog mails = new MailLog(nodes.stream().map(AppProcess::logFile).toList());

        long setUpStarted = System.nanoTime();
        List<OwnTenant> tenants = CommandsScenario.setUpTenants(first.baseUrl(), mails, runId, options.clients(), log);
        FailoverCheckouts checkouts = FailoverCheckouts.setUp(new TenantryApi(first.baseUrl()), runId);
        double setUpSeconds = (System.nanoTime() - setUpStarted) / 1e9;
        List<CommandLoop.Node> checkoutNodes = nodes.stream()
                .map(node -> new CommandLoop.Node(node.name(), new TenantryApi(node.baseUrl()))).toList();

        List<Recorder> recorders = new ArrayList<>();
        List<CommandLoop> loops = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-failover");
            thread.setDaemon(true);
            return thread;
        });
        List<ScheduledFuture<Reclaim>> kill = new ArrayList<>();
        long killAfter = options.duration().toNanos() / 3;
        log.printf(Locale.ROOT, "Clients spread round-robin over %s; the node with the most segments is killed %.1f s "
                + "into the measured window%n", String.join(", ", NODE_IDS), killAfter / 1e9);
        RunResult result;
        Reclaim reclaim;
        // Open before the run: connecting can take seconds on a busy machine, which would blur the kill's timing.
        try (Connection tokens = database.connect()) {
            result = new LoadRun(options, first.baseUrl(), log).execute(runId, CommandLoop.COMMANDS,
                    (client, api, window, recorder, errorSamples, progress) -> {
                        List<CommandLoop.Node> targets = nodes.stream()
                                .map(node -> new CommandLoop.Node(node.name(), new TenantryApi(node.baseUrl())))
                                .toList();
                        CommandLoop loop = new CommandLoop(tenants.get(client - 1), runId, targets, client - 1, window,
                                recorder, errorSamples, progress);
                        recorders.add(recorder);
                        loops.add(loop);
                        return loop;
                    },
                    window -> {
                        kill.add(scheduler.schedule(() -> killAndWatch(nodes, tokens, window),
                                window.measureFrom() + killAfter - System.nanoTime(), TimeUnit.NANOSECONDS));
                        checkouts.schedule(window, killAfter, checkoutNodes, () -> killed, log);
                    });
            reclaim = kill.get(0).get(RECLAIM_BOUND.toSeconds() + 60, TimeUnit.SECONDS);
        } finally {
            scheduler.shutdownNow();
        }
        List<FailoverCheckouts.Checkout> checkoutsSent = checkouts.sent();
        log.println("Checkouts: " + FailoverCheckouts.describe(checkoutsSent));

        AppProcess victim = node(nodes, reclaim.victim());
        AppProcess survivor = nodes.stream().filter(node -> node != victim).findFirst().orElseThrow();
        Verification verification = verify(survivor, loops, checkoutsSent);
        StripeStandIn.Counts stripeCounts = stripe.counts(checkouts.organizationIds());
        Duplicates duplicates = duplicates(database, mails, loops, verification, stripeCounts);
        Rejoin rejoin = rejoin(victim, survivor, database, tenants.get(0));
        List<AppProcess.LogSummary> logs = nodes.stream().map(AppProcess::logSummary).toList();
        return report(result, recorders, loops, setUpSeconds, reclaim, verification, duplicates, rejoin, logs);
    }

    private static AppProcess node(List<AppProcess> nodes, String name) {
        return nodes.stream().filter(node -> node.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Runs on the scheduler: the kill of the node that claims the most segments, then the token store polled until
     * the survivors have taken over. The claims are read right before the kill (on a connection opened before the
     * run, so the kill comes on time); no node gives a segment away, so they are still the victim's when it dies.
     * A dead node's claims stay in the table until another node takes them over, which Axon does only once they
     * are older than its claim timeout (10 s).
     */
    private Reclaim killAndWatch(List<AppProcess> nodes, Connection connection, Window window) throws Exception {
        List<TokenClaims.Claim> atKill = TokenClaims.read(connection);
        Map<String, Long> byOwner = TokenClaims.byOwner(atKill);
        // Ties, and a run in which nobody claims anything, go to the node that started first.
        AppProcess victim = nodes.stream()
                .max(Comparator.comparingLong((AppProcess node) -> byOwner.getOrDefault(node.name(), 0L))
                        .thenComparing(node -> -nodes.indexOf(node)))
                .orElseThrow();
        Set<String> survivors = nodes.stream().map(AppProcess::name).filter(name -> !name.equals(victim.name()))
                .collect(Collectors.toSet());
        long killedAt = System.nanoTime();
        killed = victim.name();
        victim.kill();
        double killedAtSecond = (killedAt - window.measureFrom()) / 1e9;
        log.println("Segments right before the kill: " + byOwner + "; killed " + victim.name());
        long reclaimedAt = 0;
        long head = 0;
        List<TokenClaims.Claim> claims = atKill;
        while (System.nanoTime() - killedAt < RECLAIM_BOUND.toNanos()) {
            claims = TokenClaims.read(connection);
            long now = System.nanoTime();
            if (reclaimedAt == 0 && claims.stream().allMatch(claim -> survivors.contains(claim.owner()))) {
                reclaimedAt = now;
                head = TokenClaims.head(connection);
                log.printf(Locale.ROOT, "Every segment is claimed by a survivor (%s), %.1f s after the kill; "
                        + "waiting for every processor to pass global index %d%n", TokenClaims.byOwner(claims),
                        (now - killedAt) / 1e9, head);
            }
            long target = head;
            if (reclaimedAt != 0 && claims.stream().allMatch(claim -> claim.position() >= target)) {
                log.printf(Locale.ROOT, "Every processor has passed it, %.1f s after the kill%n",
                        (now - killedAt) / 1e9);
                return new Reclaim(victim.name(), killedAt, killedAtSecond, atKill, reclaimedAt, head, now, claims);
            }
            Thread.sleep(CLAIM_POLL.toMillis());
        }
        log.println("The survivors did not take over within " + RECLAIM_BOUND.toSeconds() + " s: " + claims);
        return new Reclaim(victim.name(), killedAt, killedAtSecond, atKill, reclaimedAt, head, 0, claims);
    }

    /**
     * Every organization read back until the read models show what the acknowledged writes left behind, or the
     * bound passes; the audit stream is then checked on the last read.
     */
    private record Verification(Map<OwnTenant, FailoverCheck.Seen> seen, List<FailoverCheck.Lost> lost,
                                Double convergedAfterSeconds, long acknowledged, long unanswered, long refused,
                                List<FailoverCheckouts.Checkout> checkouts,
                                List<FailoverCheckouts.Checkout> checkoutsLost) {

        long checkoutsAcknowledged() {
            return checkouts.stream().filter(FailoverCheckouts.Checkout::acknowledged).count();
        }

        long checkoutsUnanswered() {
            return checkouts.stream().filter(checkout -> checkout.status() == Call.NO_RESPONSE).count();
        }

        long checkoutsRefused() {
            return checkouts.size() - checkoutsAcknowledged() - checkoutsUnanswered();
        }

        int lostWrites() {
            return lost.size() + checkoutsLost.size();
        }
    }

    private Verification verify(AppProcess reader, List<CommandLoop> loops, List<FailoverCheckouts.Checkout> checkouts)
            throws InterruptedException {
        log.println("Checking every organization's read models and audit stream against the acknowledged writes...");
        TenantryApi api = new TenantryApi(reader.baseUrl());
        long started = System.nanoTime();
        Map<OwnTenant, FailoverCheck.Seen> seen = null;
        List<FailoverCheck.Lost> readModelLost = List.of();
        List<FailoverCheckouts.Checkout> checkoutsLost = List.of();
        Double convergedAfter = null;
        RuntimeException lastProblem = null;
        while (true) {
            try {
                Map<OwnTenant, FailoverCheck.Seen> now = new LinkedHashMap<>();
                List<FailoverCheck.Lost> missing = new ArrayList<>();
                for (CommandLoop loop : loops) {
                    FailoverCheck.Seen tenantSeen = FailoverCheck.read(api, loop.tenant());
                    now.put(loop.tenant(), tenantSeen);
                    missing.addAll(FailoverCheck.readModelMisses(loop.tenant(), loop.writes(), tenantSeen));
                }
                seen = now;
                readModelLost = missing;
                checkoutsLost = FailoverCheckouts.missingSessions(api, checkouts);
                if (missing.isEmpty() && checkoutsLost.isEmpty()) {
                    convergedAfter = (System.nanoTime() - started) / 1e9;
                    break;
                }
            } catch (IllegalStateException e) {
                lastProblem = e;
            }
            if (System.nanoTime() - started > CONVERGE_BOUND.toNanos()) {
                break;
            }
            Thread.sleep(1000);
        }
        if (seen == null) {
            throw new IllegalStateException("could not read the organizations back within "
                    + CONVERGE_BOUND.toSeconds() + " s", lastProblem);
        }
        Map<String, FailoverCheck.Lost> lost = new LinkedHashMap<>();
        readModelLost.forEach(miss -> lost.putIfAbsent(miss.write().correlationId(), miss));
        for (CommandLoop loop : loops) {
            FailoverCheck.auditMisses(loop.tenant(), loop.writes(), seen.get(loop.tenant()))
                    .forEach(miss -> lost.putIfAbsent(miss.write().correlationId(), miss));
        }
        List<CommandLoop.Write> writes = loops.stream().flatMap(loop -> loop.writes().stream()).toList();
        return new Verification(seen, List.copyOf(lost.values()), convergedAfter,
                writes.stream().filter(CommandLoop.Write::acknowledged).count(),
                writes.stream().filter(write -> write.outcome() == CommandLoop.Outcome.UNANSWERED).count(),
                writes.stream().filter(write -> write.outcome() == CommandLoop.Outcome.REFUSED).count(),
                checkouts, checkoutsLost);
    }

    /**
     * Side effects that happened more than once: audit entries of one event, invitation mails, and Stripe creates.
     * Each invite of the mix goes to a fresh address that never registers, so every outbox row and every logged
     * delivery to it belongs to that one invitation, of which there must be one. Each checkout organization starts
     * one checkout, so Stripe must have made one customer and one session for it (see {@link StripeStandIn}).
     */
    private record Duplicates(int auditEntries, int outboxMails, int deliveredMails, int stuckSending,
                              int missingMails, int brokenChains, StripeStandIn.Counts stripe) {

        int total() {
            return auditEntries + outboxMails + deliveredMails + stripe.duplicates();
        }
    }

    private Duplicates duplicates(Database database, MailLog mails, List<CommandLoop> loops, Verification verification,
                                  StripeStandIn.Counts stripe) throws Exception {
        int audit = verification.seen().values().stream().mapToInt(FailoverCheck.Seen::duplicateAuditEntries).sum();
        int brokenChains = (int) verification.seen().values().stream()
                .filter(seen -> !"intact".equals(seen.chain())).count();
        List<CommandLoop.Write> invites = loops.stream().flatMap(loop -> loop.writes().stream())
                .filter(write -> write.operation() == Operation.INVITE)
                .toList();
        Set<String> invited = invites.stream().map(CommandLoop.Write::email).collect(Collectors.toSet());
        Map<String, Integer> rows = new HashMap<>();
        int stuck = 0;
        try (Connection connection = database.connect();
             PreparedStatement outbox = connection.prepareStatement("select recipient, status from mail_outbox "
                     + "where recipient like ?")) {
            outbox.setString(1, "bench-" + runId + "-%");
            try (ResultSet row = outbox.executeQuery()) {
                while (row.next()) {
                    String recipient = row.getString("recipient");
                    if (invited.contains(recipient)) {
                        rows.merge(recipient, 1, Integer::sum);
                        stuck += "SENDING".equals(row.getString("status")) ? 1 : 0;
                    }
                }
            }
        }
        int outboxDuplicates = rows.values().stream().mapToInt(count -> count - 1).sum();
        Map<String, Integer> delivered = mails.invitationDeliveries();
        int deliveredDuplicates = invited.stream().mapToInt(email -> Math.max(0, delivered.getOrDefault(email, 0) - 1))
                .sum();
        int missing = (int) invites.stream().filter(CommandLoop.Write::acknowledged)
                .filter(write -> !rows.containsKey(write.email())).count();
        return new Duplicates(audit, outboxDuplicates, deliveredDuplicates, stuck, missing, brokenChains, stripe);
    }

    /**
     * The killed node started again on its data dir.
     *
     * @param reads  it answered a read of an organization with a token another node issued
     * @param writes it acknowledged a rename, and a survivor's read model then showed it
     * @param claims segments it claims after {@link #REJOIN_CLAIM_WAIT}; -1 when it did not come back
     */
    private record Rejoin(String node, boolean healthy, double startupSeconds, boolean reads, boolean writes,
                          int claims) {

        /**
         * Healthy and serving, reads and writes. Not that it runs processors again: with one segment per processor
         * and no node handing segments over, it takes work back only when another node dies.
         */
        boolean rejoined() {
            return healthy && reads && writes;
        }
    }

    private Rejoin rejoin(AppProcess victim, AppProcess survivor, Database database, OwnTenant tenant)
            throws Exception {
        try {
            victim.restart(options.appJvmArgs());
        } catch (AppProcess.StartupException e) {
            log.println(victim.name() + " did not come back: " + e.getMessage());
            return new Rejoin(victim.name(), false, 0, false, false, -1);
        }
        double startupSeconds = victim.startupNanos() / 1e9;
        String path = "/api/orgs/" + tenant.organizationId();
        TenantryApi rejoined = new TenantryApi(victim.baseUrl());
        boolean reads = rejoined.get(tenant.ownerToken(), path, Duration.ofSeconds(30)).status() == 200;
        String name = "Bench " + runId + " rejoined";
        Call rename = rejoined.renameOrg(tenant.ownerToken(), tenant.organizationId(), name);
        boolean writes = rename.status() / 100 == 2 && seenBy(survivor, tenant, name);
        if (!writes) {
            log.println("The rejoined " + victim.name() + "'s rename: HTTP " + rename.status() + " " + rename.body());
        }
        long started = System.nanoTime();
        int claims = 0;
        try (Connection connection = database.connect()) {
            while (System.nanoTime() - started < REJOIN_CLAIM_WAIT.toNanos()) {
                claims = (int) TokenClaims.read(connection).stream()
                        .filter(claim -> victim.name().equals(claim.owner())).count();
                if (claims > 0) {
                    break;
                }
                Thread.sleep(CLAIM_POLL.toMillis());
            }
            log.println("Segments after " + victim.name() + " came back: "
                    + TokenClaims.byOwner(TokenClaims.read(connection)));
        }
        return new Rejoin(victim.name(), true, startupSeconds, reads, writes, claims);
    }

    private boolean seenBy(AppProcess node, OwnTenant tenant, String name) throws InterruptedException {
        TenantryApi api = new TenantryApi(node.baseUrl());
        long started = System.nanoTime();
        while (System.nanoTime() - started < REJOIN_WRITE_SEEN.toNanos()) {
            Call read = api.get(tenant.ownerToken(), "/api/orgs/" + tenant.organizationId(), Duration.ofSeconds(30));
            if (read.status() == 200 && Json.topLevelString(read.body(), "name").filter(name::equals).isPresent()) {
                return true;
            }
            Thread.sleep(CLAIM_POLL.toMillis());
        }
        return false;
    }

    private Outcome report(RunResult result, List<Recorder> recorders, List<CommandLoop> loops, double setUpSeconds,
                           Reclaim reclaim, Verification verification, Duplicates duplicates, Rejoin rejoin,
                           List<AppProcess.LogSummary> logs) {
        CommandFigures figures = CommandFigures.of(recorders, loops, result.measuredSeconds());
        Double reclaimSeconds = reclaim.caughtUpSeconds();
        boolean converged = verification.convergedAfterSeconds() != null;

        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "Three nodes (%s) on the embedded PostgreSQL in a process of its own; "
                + "%d organizations set up through node-1 in %.1f s; clients spread round-robin over the nodes",
                String.join(", ", NODE_IDS), loops.size(), setUpSeconds));
        notes.add(String.format(Locale.ROOT, "%s, holding the most segments, killed with SIGKILL %.1f s into the "
                        + "measured window; segments right before: %s; %s held %s", reclaim.victim(),
                reclaim.killedAtSecond(), TokenClaims.byOwner(reclaim.atKill()), reclaim.victim(),
                reclaim.victimSegments().isEmpty() ? "none (the kill tested request failover only)"
                        : reclaim.victimSegments().size() + ": " + String.join(", ", reclaim.victimSegments())));
        logs.forEach(summary -> notes.add(summary.line()));
        notes.add("");

        List<String> footer = new ArrayList<>();
        footer.add(figures.commandsLine());
        footer.add(figures.lagLine());
        footer.add(String.format(Locale.ROOT, "Writes, warm-up included: %,d acknowledged, %,d unacknowledged (%,d "
                        + "unanswered, %,d refused)", verification.acknowledged(),
                verification.unanswered() + verification.refused(), verification.unanswered(), verification.refused()));
        footer.add(String.format(Locale.ROOT, "Checkouts: %d started, %d acknowledged, %d unanswered, %d refused; "
                        + "Stripe stand-in: %d requests, %d idempotency keys, %d replays of a key (nothing created "
                        + "again), %d sessions", verification.checkouts().size(),
                verification.checkoutsAcknowledged(), verification.checkoutsUnanswered(),
                verification.checkoutsRefused(), duplicates.stripe().requests(), duplicates.stripe().keys(),
                duplicates.stripe().replays(), duplicates.stripe().sessions()));
        footer.add(reclaim.reclaimedSeconds() == null
                ? "Reclaim: the survivors had not claimed every segment " + RECLAIM_BOUND.toSeconds()
                + " s after the kill: " + reclaim.last()
                : String.format(Locale.ROOT, "Reclaim: every segment claimed by a survivor %.1f s after the kill; "
                        + "every processor past the event store's head of that moment (global index %d) %s",
                reclaim.reclaimedSeconds(), reclaim.headAtReclaim(), reclaimSeconds == null
                        ? "not within " + RECLAIM_BOUND.toSeconds() + " s: " + reclaim.last()
                        : String.format(Locale.ROOT, "%.1f s after the kill", reclaimSeconds)));
        footer.add(converged
                ? String.format(Locale.ROOT, "Read models after the run: every organization showed its last "
                + "acknowledged name, time zone and role, and its pending invitations, %.1f s after the run",
                verification.convergedAfterSeconds())
                : "Read models after the run: NOT converged within " + CONVERGE_BOUND.toSeconds() + " s");
        footer.add(String.format(Locale.ROOT, "Lost writes (acknowledged, not in the read models or the audit stream; "
                + "checkouts acknowledged without their session): %d", verification.lostWrites()));
        verification.lost().stream().limit(LOST_SHOWN).forEach(lost -> footer.add("  " + lost.describe()));
        verification.checkoutsLost().forEach(lost -> footer.add("  checkout of " + lost.organizationId() + " via "
                + lost.node() + " (HTTP " + lost.status() + "): no session shown"));
        footer.add(String.format(Locale.ROOT, "Duplicate effects: %d (audit entries of one event %d, invitation mails "
                        + "in the outbox beyond one per invitation %d, delivered beyond one %d, Stripe creates beyond "
                        + "one customer and one session per checkout %d: customers %d, sessions %d, keys reused with "
                        + "other parameters %d, creates without a key %d); mails left in SENDING %d, "
                        + "acknowledged invitations without a mail %d; audit chains not intact %d of %d",
                duplicates.total(), duplicates.auditEntries(), duplicates.outboxMails(), duplicates.deliveredMails(),
                duplicates.stripe().duplicates(), duplicates.stripe().extraCustomers(),
                duplicates.stripe().extraSessions(), duplicates.stripe().mismatches(),
                duplicates.stripe().unkeyedCreates(), duplicates.stuckSending(), duplicates.missingMails(),
                duplicates.brokenChains(), verification.seen().size()));
        footer.add(rejoin.healthy()
                ? String.format(Locale.ROOT, "Rejoin: %s healthy again %.1f s after its restart; %s a read, %s a "
                        + "write (seen by a survivor); claims %d segments%s", rejoin.node(), rejoin.startupSeconds(),
                rejoin.reads() ? "serves" : "does NOT serve", rejoin.writes() ? "serves" : "does NOT serve",
                rejoin.claims(), rejoin.claims() > 0 ? "" : " after " + REJOIN_CLAIM_WAIT.toSeconds() + " s (the "
                        + "survivors keep theirs: Axon does not move claimed segments to a new node)")
                : "Rejoin: " + rejoin.node() + " did NOT become healthy again");
        boolean killedHeldSegments = !reclaim.victimSegments().isEmpty();
        boolean ok = figures.acknowledged() > 0 && verification.lostWrites() == 0 && duplicates.total() == 0
                && converged && killedHeldSegments && reclaimSeconds != null && duplicates.brokenChains() == 0
                && rejoin.rejoined();
        footer.add(check("no acknowledged write lost", verification.lostWrites() == 0));
        footer.add(check("no duplicate side effect", duplicates.total() == 0));
        footer.add(check("read models converged", converged));
        footer.add(check("the killed node held segments", killedHeldSegments));
        footer.add(check("segments reclaimed and caught up", reclaimSeconds != null));
        footer.add(check("audit chains intact", duplicates.brokenChains() == 0));
        footer.add(check(rejoin.node() + " rejoined: healthy, serves reads and writes", rejoin.rejoined()));

        String json = figures.json()
                + ",\"acknowledgedWrites\":" + (verification.acknowledged() + verification.checkoutsAcknowledged())
                + ",\"unacknowledgedWrites\":" + (verification.unanswered() + verification.refused()
                + verification.checkoutsUnanswered() + verification.checkoutsRefused())
                + ",\"lostWrites\":" + verification.lostWrites()
                + ",\"reclaimSeconds\":" + CommandFigures.number(reclaimSeconds)
                + ",\"segmentsReclaimedSeconds\":" + CommandFigures.number(reclaim.reclaimedSeconds())
                + ",\"duplicateEffects\":" + duplicates.total()
                + ",\"rejoined\":" + rejoin.rejoined()
                + ",\"killedNode\":" + Json.quote(reclaim.victim())
                + ",\"killedAtSecond\":" + CommandFigures.number(reclaim.killedAtSecond())
                + ",\"killedNodeSegments\":" + reclaim.victimSegments().size()
                + ",\"readModelsConverged\":" + converged
                + ",\"convergedAfterRunSeconds\":" + CommandFigures.number(verification.convergedAfterSeconds())
                + ",\"duplicates\":{\"auditEntries\":" + duplicates.auditEntries()
                + ",\"outboxMails\":" + duplicates.outboxMails()
                + ",\"deliveredMails\":" + duplicates.deliveredMails()
                + ",\"stripeCalls\":" + duplicates.stripe().duplicates() + "}"
                + ",\"checkouts\":{\"started\":" + verification.checkouts().size()
                + ",\"acknowledged\":" + verification.checkoutsAcknowledged()
                + ",\"lost\":" + verification.checkoutsLost().size() + "}"
                + ",\"stripe\":{\"requests\":" + duplicates.stripe().requests()
                + ",\"keys\":" + duplicates.stripe().keys()
                + ",\"replays\":" + duplicates.stripe().replays()
                + ",\"sessions\":" + duplicates.stripe().sessions()
                + ",\"extraCustomers\":" + duplicates.stripe().extraCustomers()
                + ",\"extraSessions\":" + duplicates.stripe().extraSessions()
                + ",\"keyMismatches\":" + duplicates.stripe().mismatches()
                + ",\"unkeyedCreates\":" + duplicates.stripe().unkeyedCreates() + "}"
                + ",\"mailsStuckSending\":" + duplicates.stuckSending()
                + ",\"missingMails\":" + duplicates.missingMails()
                + ",\"auditChainsBroken\":" + duplicates.brokenChains()
                + ",\"rejoin\":{\"healthy\":" + rejoin.healthy()
                + ",\"startupSeconds\":" + CommandFigures.number(rejoin.healthy() ? rejoin.startupSeconds() : null)
                + ",\"serves\":" + (rejoin.reads() && rejoin.writes())
                + ",\"reads\":" + rejoin.reads()
                + ",\"writes\":" + rejoin.writes()
                + ",\"segments\":" + rejoin.claims() + "}"
                + ",\"setUpSeconds\":" + CommandFigures.number(setUpSeconds)
                + ",\"nodeLogs\":" + logs.stream().map(summary -> Json.quote(summary.app()) + ":" + summary.json())
                .collect(Collectors.joining(",", "{", "}"));
        return Outcome.of(result.with(notes, footer, json), ok);
    }

    private static String check(String what, boolean passed) {
        return (passed ? "PASS" : "FAIL") + "  " + what;
    }
}
