package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * {@code --scenario failover}: three app nodes on one PostgreSQL run the command mix, and a third of the way into
 * the measured window one of them (not the one hosting the database) is killed with SIGKILL. Afterwards: how long
 * until the survivors had taken over its event processor segments and caught up, whether every acknowledged write
 * is still there (read models and audit stream), whether any side effect happened twice, and whether the killed
 * node comes back.
 */
final class FailoverScenario {

    static final List<String> NODE_IDS = List.of("node-1", "node-2", "node-3");
    private static final String VICTIM = "node-3";
    private static final Set<String> SURVIVORS = Set.of("node-1", "node-2");
    private static final Duration CLAIM_POLL = Duration.ofMillis(200);
    // Axon takes over a dead node's segment once its claim is older than the claim timeout (10 s) and the next try
    // to claim comes (every 5 s): minutes mean it does not happen at all.
    private static final Duration RECLAIM_BOUND = Duration.ofSeconds(120);
    private static final Duration CONVERGE_BOUND = Duration.ofSeconds(120);
    // No node gives segments away: a rejoining node claims only what is unclaimed, or what a node releases.
    private static final Duration REJOIN_CLAIM_WAIT = Duration.ofSeconds(30);
    private static final int LOST_SHOWN = 5;

    private final Options options;
    private final PrintStream log;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    FailoverScenario(Options options, PrintStream log) {
        this.options = options;
        this.log = log;
    }

    Outcome run() throws Exception {
        List<AppProcess> nodes = new ArrayList<>();
        try {
            startNodes(nodes);
            Outcome outcome = measure(nodes);
            if (!outcome.ok()) {
                nodes.forEach(AppProcess::keepLog);
            }
            return outcome;
        } catch (Exception e) {
            nodes.forEach(AppProcess::keepLog);
            throw e;
        } finally {
            // Node 1 last: stopping it stops the PostgreSQL the others use.
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).close();
            }
        }
    }

    /**
     * Node 1 starts the embedded PostgreSQL; nodes 2 and 3 start one after the other once it is up, on its database
     * (together they would share the two cores and take as long). All three share one JWT secret, as nodes behind
     * one load balancer must: a client moved to another node keeps its token, and the mail outbox's token key
     * (derived from it) decrypts on every node. Unset, each node would generate its own into its data dir.
     */
    private void startNodes(List<AppProcess> nodes) throws IOException, InterruptedException {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        String jwtSecret = HexFormat.of().formatHex(secret);
        AppProcess first = AppProcess.startNode(options.appJar(), options.appJvmArgs(), NODE_IDS.get(0), null,
                nodeArgs(NODE_IDS.get(0), jwtSecret), log);
        nodes.add(first);
        for (String nodeId : NODE_IDS.subList(1, NODE_IDS.size())) {
            nodes.add(AppProcess.startNode(options.appJar(), options.appJvmArgs(), nodeId, first.database(),
                    nodeArgs(nodeId, jwtSecret), log));
        }
    }

    private static List<String> nodeArgs(String nodeId, String jwtSecret) {
        return List.of("--tenantry.node-id=" + nodeId, "--tenantry.jwt.secret=" + jwtSecret);
    }

    /** Segments at the kill, and when the survivors had claimed them and caught up with the event store. */
    private record Reclaim(long killedAt, double killedAtSecond, List<TokenClaims.Claim> atKill, long reclaimedAt,
                           long headAtReclaim, long caughtUpAt, List<TokenClaims.Claim> last) {

        Double reclaimedSeconds() {
            return reclaimedAt == 0 ? null : (reclaimedAt - killedAt) / 1e9;
        }

        Double caughtUpSeconds() {
            return caughtUpAt == 0 ? null : (caughtUpAt - killedAt) / 1e9;
        }

        List<String> victimSegments() {
            return atKill.stream().filter(claim -> VICTIM.equals(claim.owner()))
                    .map(claim -> claim.processor() + "/" + claim.segment()).toList();
        }
    }

    private Outcome measure(List<AppProcess> nodes) throws Exception {
        AppProcess first = nodes.get(0);
        AppProcess victim = nodes.get(NODE_IDS.indexOf(VICTIM));
        Database database = first.database();
        MailLog mails = new MailLog(nodes.stream().map(AppProcess::logFile).toList());

        long setUpStarted = System.nanoTime();
        List<OwnTenant> tenants = CommandsScenario.setUpTenants(first.baseUrl(), mails, runId, options.clients(), log);
        double setUpSeconds = (System.nanoTime() - setUpStarted) / 1e9;

        List<Recorder> recorders = new ArrayList<>();
        List<CommandLoop> loops = new ArrayList<>();
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "bench-failover");
            thread.setDaemon(true);
            return thread;
        });
        List<ScheduledFuture<Reclaim>> kill = new ArrayList<>();
        long killAfter = options.duration().toNanos() / 3;
        log.printf(Locale.ROOT, "Clients spread round-robin over %s; %s is killed %.1f s into the measured window%n",
                String.join(", ", NODE_IDS), VICTIM, killAfter / 1e9);
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
                    window -> kill.add(scheduler.schedule(() -> killAndWatch(victim, tokens, window),
                            window.measureFrom() + killAfter - System.nanoTime(), TimeUnit.NANOSECONDS)));
            reclaim = kill.get(0).get(RECLAIM_BOUND.toSeconds() + 60, TimeUnit.SECONDS);
        } finally {
            scheduler.shutdownNow();
        }

        Verification verification = verify(first, loops);
        Duplicates duplicates = duplicates(database, mails, loops, verification);
        Rejoin rejoin = rejoin(victim, database, tenants.get(0));
        List<AppProcess.LogSummary> logs = nodes.stream().map(AppProcess::logSummary).toList();
        return report(result, recorders, loops, setUpSeconds, reclaim, verification, duplicates, rejoin, logs);
    }

    /**
     * Runs on the scheduler: the kill, then the token store polled until the survivors have taken over. The claims
     * are read right after the kill, so that the kill comes on time: a dead node's claims stay in the table until
     * another node takes them over, which Axon does only once they are older than its claim timeout (10 s).
     */
    private Reclaim killAndWatch(AppProcess victim, Connection connection, Window window) throws Exception {
        long killedAt = System.nanoTime();
        victim.kill();
        double killedAtSecond = (killedAt - window.measureFrom()) / 1e9;
        List<TokenClaims.Claim> atKill = TokenClaims.read(connection);
        log.println("Segments at the kill: " + TokenClaims.byOwner(atKill));
        long reclaimedAt = 0;
        long head = 0;
        List<TokenClaims.Claim> claims = atKill;
        while (System.nanoTime() - killedAt < RECLAIM_BOUND.toNanos()) {
            claims = TokenClaims.read(connection);
            long now = System.nanoTime();
            if (reclaimedAt == 0 && claims.stream().allMatch(claim -> SURVIVORS.contains(claim.owner()))) {
                reclaimedAt = now;
                head = TokenClaims.head(connection);
                log.printf(Locale.ROOT, "Every segment is claimed by node-1 or node-2, %.1f s after the kill; "
                        + "waiting for every processor to pass global index %d%n", (now - killedAt) / 1e9, head);
            }
            long target = head;
            if (reclaimedAt != 0 && claims.stream().allMatch(claim -> claim.position() >= target)) {
                log.printf(Locale.ROOT, "Every processor has passed it, %.1f s after the kill%n",
                        (now - killedAt) / 1e9);
                return new Reclaim(killedAt, killedAtSecond, atKill, reclaimedAt, head, now, claims);
            }
            Thread.sleep(CLAIM_POLL.toMillis());
        }
        log.println("The survivors did not take over within " + RECLAIM_BOUND.toSeconds() + " s: " + claims);
        return new Reclaim(killedAt, killedAtSecond, atKill, reclaimedAt, head, 0, claims);
    }

    /**
     * Every organization read back until the read models show what the acknowledged writes left behind, or the
     * bound passes; the audit stream is then checked on the last read.
     */
    private record Verification(Map<OwnTenant, FailoverCheck.Seen> seen, List<FailoverCheck.Lost> lost,
                                Double convergedAfterSeconds, long acknowledged, long unanswered, long refused) {
    }

    private Verification verify(AppProcess reader, List<CommandLoop> loops)
            throws InterruptedException {
        log.println("Checking every organization's read models and audit stream against the acknowledged writes...");
        TenantryApi api = new TenantryApi(reader.baseUrl());
        long started = System.nanoTime();
        Map<OwnTenant, FailoverCheck.Seen> seen = null;
        List<FailoverCheck.Lost> readModelLost = List.of();
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
                if (missing.isEmpty()) {
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
                writes.stream().filter(write -> write.outcome() == CommandLoop.Outcome.REFUSED).count());
    }

    /**
     * Side effects that happened more than once: audit entries of one event, and invitation mails. Each invite of
     * the mix goes to a fresh address that never registers, so every outbox row and every logged delivery to it
     * belongs to that one invitation, of which there must be one.
     */
    private record Duplicates(int auditEntries, int outboxMails, int deliveredMails, int stuckSending,
                              int missingMails, int brokenChains) {

        int total() {
            return auditEntries + outboxMails + deliveredMails;
        }
    }

    private Duplicates duplicates(Database database, MailLog mails, List<CommandLoop> loops, Verification verification)
            throws Exception {
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
        return new Duplicates(audit, outboxDuplicates, deliveredDuplicates, stuck, missing, brokenChains);
    }

    /** @param claims segments node 3 claims after the wait; -1 when it did not come back */
    private record Rejoin(boolean healthy, double startupSeconds, int claims, boolean serves) {

        boolean rejoined() {
            return healthy && claims > 0;
        }
    }

    private Rejoin rejoin(AppProcess victim, Database database, OwnTenant tenant) throws Exception {
        try {
            victim.restart(options.appJvmArgs());
        } catch (AppProcess.StartupException e) {
            log.println(VICTIM + " did not come back: " + e.getMessage());
            return new Rejoin(false, 0, -1, false);
        }
        double startupSeconds = victim.startupNanos() / 1e9;
        boolean serves = new TenantryApi(victim.baseUrl())
                .get(tenant.ownerToken(), "/api/orgs/" + tenant.organizationId(), Duration.ofSeconds(30)).status() == 200;
        long started = System.nanoTime();
        int claims = 0;
        try (Connection connection = database.connect()) {
            while (System.nanoTime() - started < REJOIN_CLAIM_WAIT.toNanos()) {
                claims = (int) TokenClaims.read(connection).stream()
                        .filter(claim -> VICTIM.equals(claim.owner())).count();
                if (claims > 0) {
                    break;
                }
                Thread.sleep(CLAIM_POLL.toMillis());
            }
            log.println("Segments after " + VICTIM + " came back: " + TokenClaims.byOwner(TokenClaims.read(connection)));
        }
        return new Rejoin(true, startupSeconds, claims, serves);
    }

    private Outcome report(RunResult result, List<Recorder> recorders, List<CommandLoop> loops, double setUpSeconds,
                           Reclaim reclaim, Verification verification, Duplicates duplicates, Rejoin rejoin,
                           List<AppProcess.LogSummary> logs) {
        CommandFigures figures = CommandFigures.of(recorders, loops, result.measuredSeconds());
        Double reclaimSeconds = reclaim.caughtUpSeconds();
        boolean converged = verification.convergedAfterSeconds() != null;

        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "Three nodes (%s) on node-1's embedded PostgreSQL; %d organizations set "
                + "up through node-1 in %.1f s; clients spread round-robin over the nodes", String.join(", ", NODE_IDS),
                loops.size(), setUpSeconds));
        notes.add(String.format(Locale.ROOT, "%s killed with SIGKILL %.1f s into the measured window; segments then: "
                        + "%s; %s held %s", VICTIM, reclaim.killedAtSecond(), TokenClaims.byOwner(reclaim.atKill()),
                VICTIM, reclaim.victimSegments().isEmpty() ? "none (the kill tested request failover only)"
                        : reclaim.victimSegments()));
        logs.forEach(summary -> notes.add(summary.line()));
        notes.add("");

        List<String> footer = new ArrayList<>();
        footer.add(figures.commandsLine());
        footer.add(figures.lagLine());
        footer.add(String.format(Locale.ROOT, "Writes, warm-up included: %,d acknowledged, %,d unacknowledged (%,d "
                        + "unanswered, %,d refused)", verification.acknowledged(),
                verification.unanswered() + verification.refused(), verification.unanswered(), verification.refused()));
        footer.add(reclaim.reclaimedSeconds() == null
                ? "Reclaim: the survivors had not claimed every segment " + RECLAIM_BOUND.toSeconds()
                + " s after the kill: " + reclaim.last()
                : String.format(Locale.ROOT, "Reclaim: every segment claimed by node-1 or node-2 %.1f s after the kill; "
                        + "every processor past the event store's head of that moment (global index %d) %s",
                reclaim.reclaimedSeconds(), reclaim.headAtReclaim(), reclaimSeconds == null
                        ? "not within " + RECLAIM_BOUND.toSeconds() + " s: " + reclaim.last()
                        : String.format(Locale.ROOT, "%.1f s after the kill", reclaimSeconds)));
        footer.add(converged
                ? String.format(Locale.ROOT, "Read models after the run: every organization showed its last "
                + "acknowledged name, time zone and role, and its pending invitations, %.1f s after the run",
                verification.convergedAfterSeconds())
                : "Read models after the run: NOT converged within " + CONVERGE_BOUND.toSeconds() + " s");
        footer.add(String.format(Locale.ROOT, "Lost writes (acknowledged, not in the read models or the audit stream): "
                + "%d", verification.lost().size()));
        verification.lost().stream().limit(LOST_SHOWN).forEach(lost -> footer.add("  " + lost.describe()));
        footer.add(String.format(Locale.ROOT, "Duplicate effects: %d (audit entries of one event %d, invitation mails "
                        + "in the outbox beyond one per invitation %d, delivered beyond one %d); mails left in SENDING %d, "
                        + "acknowledged invitations without a mail %d; audit chains not intact %d of %d",
                duplicates.total(), duplicates.auditEntries(), duplicates.outboxMails(), duplicates.deliveredMails(),
                duplicates.stuckSending(), duplicates.missingMails(), duplicates.brokenChains(),
                verification.seen().size()));
        footer.add(rejoin.healthy()
                ? String.format(Locale.ROOT, "Rejoin: %s healthy again %.1f s after its restart; %s reads; claims %d "
                        + "segments %s", VICTIM, rejoin.startupSeconds(), rejoin.serves() ? "serves" : "does NOT serve",
                rejoin.claims(), rejoin.claims() > 0 ? "" : "after " + REJOIN_CLAIM_WAIT.toSeconds() + " s (the "
                        + "survivors keep theirs: Axon does not move claimed segments to a new node)")
                : "Rejoin: " + VICTIM + " did NOT become healthy again");
        boolean ok = figures.acknowledged() > 0 && verification.lost().isEmpty() && duplicates.total() == 0
                && converged && reclaimSeconds != null && duplicates.brokenChains() == 0;
        footer.add(check("no acknowledged write lost", verification.lost().isEmpty()));
        footer.add(check("no duplicate side effect", duplicates.total() == 0));
        footer.add(check("read models converged", converged));
        footer.add(check("segments reclaimed and caught up", reclaimSeconds != null));
        footer.add(check("audit chains intact", duplicates.brokenChains() == 0));
        footer.add(check("node-3 rejoined and claims segments (not part of the exit status)", rejoin.rejoined()));

        String json = figures.json()
                + ",\"acknowledgedWrites\":" + verification.acknowledged()
                + ",\"unacknowledgedWrites\":" + (verification.unanswered() + verification.refused())
                + ",\"lostWrites\":" + verification.lost().size()
                + ",\"reclaimSeconds\":" + CommandFigures.number(reclaimSeconds)
                + ",\"segmentsReclaimedSeconds\":" + CommandFigures.number(reclaim.reclaimedSeconds())
                + ",\"duplicateEffects\":" + duplicates.total()
                + ",\"rejoined\":" + rejoin.rejoined()
                + ",\"killedAtSecond\":" + CommandFigures.number(reclaim.killedAtSecond())
                + ",\"killedNodeSegments\":" + reclaim.victimSegments().size()
                + ",\"readModelsConverged\":" + converged
                + ",\"convergedAfterRunSeconds\":" + CommandFigures.number(verification.convergedAfterSeconds())
                + ",\"duplicates\":{\"auditEntries\":" + duplicates.auditEntries()
                + ",\"outboxMails\":" + duplicates.outboxMails()
                + ",\"deliveredMails\":" + duplicates.deliveredMails() + "}"
                + ",\"mailsStuckSending\":" + duplicates.stuckSending()
                + ",\"missingMails\":" + duplicates.missingMails()
                + ",\"auditChainsBroken\":" + duplicates.brokenChains()
                + ",\"rejoin\":{\"healthy\":" + rejoin.healthy()
                + ",\"startupSeconds\":" + CommandFigures.number(rejoin.healthy() ? rejoin.startupSeconds() : null)
                + ",\"serves\":" + rejoin.serves()
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
