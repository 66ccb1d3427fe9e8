package dev.tenantry.benchmark;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One client of the command mix, on its own organization ({@link OwnTenant}): rename, change settings, invite,
 * change the member's role, revoke, in turn, until the window closes. Every write is a command, and any 2xx
 * acknowledges it. The organization is this client's alone, so it knows what each acknowledged write must have
 * left behind; every write is kept ({@link #writes()}) for the failover scenario to check afterwards.
 * <p>
 * Every write changes something: the app answers a no-op (same name, same role) with 200 and records no event,
 * which would be a write that leaves no trace to check. After a write that was not acknowledged the client cannot
 * tell whether it took effect, so the next value also avoids that one.
 */
final class CommandLoop implements Runnable {

    /** Every this many renames of a client, the read model is polled until it shows the new name. */
    static final int LAG_SAMPLE_EVERY = 5;
    /** A sample still not visible after this long is recorded at this value and counted as timed out. */
    static final long LAG_BOUND_NANOS = 10_000_000_000L;
    private static final long LAG_POLL_MILLIS = 5;

    private static final List<Operation> MIX = List.of(Operation.RENAME_ORG, Operation.UPDATE_SETTINGS,
            Operation.INVITE, Operation.CHANGE_ROLE, Operation.REVOKE_INVITATION);
    static final List<Operation> COMMANDS = MIX;
    private static final List<String> TIME_ZONES = List.of("Europe/Paris", "America/New_York", "Asia/Tokyo",
            "Australia/Sydney", "Africa/Nairobi", "UTC");
    private static final List<String> ROLES = List.of("ADMIN", "VIEWER", OwnTenant.MEMBER_ROLE);
    private static final long PAUSE_AFTER_NO_RESPONSE_MILLIS = 50;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    enum Outcome { ACKNOWLEDGED, REFUSED, UNANSWERED }

    /**
     * @param value      what the write set: the name, the time zone, the role, or the invitation's id (for an invite
     *                   only known once acknowledged, else null)
     * @param email      an invite's invitee, else null
     * @param mayBeNoOp  the value could already have been in place (after several unacknowledged writes in a row),
     *                   so an acknowledged write need not have recorded an event
     */
    record Write(Operation operation, String correlationId, String value, String email, Outcome outcome,
                 boolean mayBeNoOp) {

        boolean acknowledged() {
            return outcome == Outcome.ACKNOWLEDGED;
        }
    }

    /** Where the client sends its writes: one node, or (failover) several, moving on when one stops answering. */
    record Node(String name, TenantryApi api) {
    }

    private final OwnTenant tenant;
    private final String runId;
    private final List<Node> nodes;
    private final Window window;
    private final Recorder recorder;
    private final ErrorSamples errorSamples;
    private final Progress progress;

    private int node;
    private long step;
    private long renames;
    private long invites;
    private final Field timeZone = new Field(TIME_ZONES, "UTC");
    private final Field role = new Field(ROLES, OwnTenant.MEMBER_ROLE);
    private final Deque<String> pendingInvitations = new ArrayDeque<>();
    /** An invite or revoke went unacknowledged: which invitations are pending has to be read again. */
    private boolean invitationsUncertain;
    private final List<Write> writes = new ArrayList<>();
    private long[] lagNanos = new long[64];
    private int lagSamples;
    private int lagTimeouts;
    private int lagFirstReads;

    /** @param firstNode index into {@code nodes} of the node this client starts on */
    CommandLoop(OwnTenant tenant, String runId, List<Node> nodes, int firstNode, Window window, Recorder recorder,
                ErrorSamples errorSamples, Progress progress) {
        this.tenant = tenant;
        this.runId = runId;
        this.nodes = List.copyOf(nodes);
        this.node = firstNode % nodes.size();
        this.window = window;
        this.recorder = recorder;
        this.errorSamples = errorSamples;
        this.progress = progress;
    }

    @Override
    public void run() {
        try {
            while (!window.isOver()) {
                Operation operation = MIX.get((int) (step++ % MIX.size()));
                switch (operation) {
                    case RENAME_ORG -> rename();
                    case UPDATE_SETTINGS -> updateSettings();
                    case INVITE -> invite();
                    case CHANGE_ROLE -> changeRole();
                    case REVOKE_INVITATION -> revoke();
                    default -> throw new IllegalStateException(operation.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rename() throws InterruptedException {
        renames++;
        String newName = "Bench " + runId + " c" + tenant.client() + " r" + renames;
        Call call = send(Operation.RENAME_ORG, "PATCH", orgPath(), "{\"name\":" + Json.quote(newName) + "}",
                newName, false);
        if (outcome(call) == Outcome.ACKNOWLEDGED && renames % LAG_SAMPLE_EVERY == 0) {
            sampleLag(call, newName);
        }
    }

    private void updateSettings() throws InterruptedException {
        String zone = timeZone.next();
        Call call = send(Operation.UPDATE_SETTINGS, "PATCH", orgPath(),
                "{\"settings\":{\"timeZone\":" + Json.quote(zone) + "}}", zone, timeZone.mayBeInPlace(zone));
        timeZone.record(zone, outcome(call));
    }

    private void invite() throws InterruptedException {
        resyncInvitations();
        invites++;
        String email = "bench-" + runId + "-c" + tenant.client() + "-i" + invites + "@example.com";
        String correlationId = OwnTenant.correlationId();
        Call call = call(Operation.INVITE, "POST", orgPath() + "/invitations",
                "{\"email\":" + Json.quote(email) + ",\"role\":\"MEMBER\"}", correlationId);
        String id = outcome(call) == Outcome.ACKNOWLEDGED ? Json.topLevelString(call.body(), "id").orElse(null) : null;
        if (id != null) {
            pendingInvitations.addLast(id);
        } else {
            invitationsUncertain = true;
        }
        writes.add(new Write(Operation.INVITE, correlationId, id, email, outcome(call), false));
    }

    private void changeRole() throws InterruptedException {
        String newRole = role.next();
        Call call = send(Operation.CHANGE_ROLE, "PATCH", orgPath() + "/members/" + tenant.memberUserId(),
                "{\"role\":\"" + newRole + "\"}", newRole, role.mayBeInPlace(newRole));
        role.record(newRole, outcome(call));
    }

    /** Revokes the oldest invitation this client made, so that invitations never run out of seats. */
    private void revoke() throws InterruptedException {
        resyncInvitations();
        String id = pendingInvitations.pollFirst();
        if (id == null) {
            return;
        }
        Call call = send(Operation.REVOKE_INVITATION, "DELETE", orgPath() + "/invitations/" + id, null, id, false);
        if (outcome(call) != Outcome.ACKNOWLEDGED) {
            invitationsUncertain = true;
        }
    }

    /**
     * After an unacknowledged invite or revoke, the pending invitations are read back (a query, not a command):
     * an invite that took effect unseen would otherwise hold a seat for ever, and the free plan has only three
     * beyond the owner and the member.
     */
    private void resyncInvitations() throws InterruptedException {
        if (!invitationsUncertain) {
            return;
        }
        Call list = api().get(tenant.ownerToken(), orgPath() + "/invitations", READ_TIMEOUT);
        if (list.status() != 200) {
            noResponsePause(list);
            return;
        }
        pendingInvitations.clear();
        Json.objectsIn(list.body(), "items").forEach(item ->
                Json.topLevelString(item, "id").ifPresent(pendingInvitations::addLast));
        invitationsUncertain = false;
    }

    /**
     * From the rename's answer until a read of the organization shows the new name, on the node that answered. The
     * time includes that read's own round trip, so it is an upper bound; a read-your-writes app shows ~one read.
     */
    private void sampleLag(Call rename, String newName) throws InterruptedException {
        long answeredAt = rename.startedAt() + rename.nanos();
        long lag;
        for (int reads = 1; ; reads++) {
            Call read = api().get(tenant.ownerToken(), orgPath(), READ_TIMEOUT);
            long now = System.nanoTime();
            if (read.status() == 200 && newName.equals(Json.topLevelString(read.body(), "name").orElse(null))) {
                lag = now - answeredAt;
                if (reads == 1 && window.measures(rename.startedAt())) {
                    lagFirstReads++;
                }
                break;
            }
            if (now - answeredAt >= LAG_BOUND_NANOS) {
                lag = LAG_BOUND_NANOS;
                if (window.measures(rename.startedAt())) {
                    lagTimeouts++;
                }
                break;
            }
            Thread.sleep(LAG_POLL_MILLIS);
        }
        if (window.measures(rename.startedAt())) {
            if (lagSamples == lagNanos.length) {
                lagNanos = Arrays.copyOf(lagNanos, lagSamples * 2);
            }
            lagNanos[lagSamples++] = lag;
        }
    }

    private Call send(Operation operation, String method, String path, String body, String value, boolean mayBeNoOp)
            throws InterruptedException {
        String correlationId = OwnTenant.correlationId();
        Call call = call(operation, method, path, body, correlationId);
        writes.add(new Write(operation, correlationId, value, null, outcome(call), mayBeNoOp));
        return call;
    }

    private Call call(Operation operation, String method, String path, String body, String correlationId)
            throws InterruptedException {
        Call call = api().write(method, tenant.ownerToken(), path, body, correlationId);
        boolean ok = outcome(call) == Outcome.ACKNOWLEDGED;
        progress.record(ok);
        if (window.measures(call.startedAt())) {
            if (ok) {
                recorder.success(operation, call.nanos());
            } else {
                recorder.error(operation);
                errorSamples.offer(operation, call.status(), call.body());
            }
        }
        noResponsePause(call);
        return call;
    }

    /** A node that does not answer is left for the next one (failover); a single node is simply tried again. */
    private void noResponsePause(Call call) throws InterruptedException {
        if (call.status() == Call.NO_RESPONSE) {
            node = (node + 1) % nodes.size();
            Thread.sleep(PAUSE_AFTER_NO_RESPONSE_MILLIS);
        }
    }

    private static Outcome outcome(Call call) {
        if (call.status() == Call.NO_RESPONSE) {
            return Outcome.UNANSWERED;
        }
        return call.status() / 100 == 2 ? Outcome.ACKNOWLEDGED : Outcome.REFUSED;
    }

    private TenantryApi api() {
        return nodes.get(node).api();
    }

    private String orgPath() {
        return "/api/orgs/" + tenant.organizationId();
    }

    OwnTenant tenant() {
        return tenant;
    }

    List<Write> writes() {
        return writes;
    }

    /** The measured lag samples, in nanoseconds. */
    long[] lagNanos() {
        return Arrays.copyOf(lagNanos, lagSamples);
    }

    int lagTimeouts() {
        return lagTimeouts;
    }

    /** Lag samples whose very first read showed the new name: there the lag is that read's round trip. */
    int lagFirstReads() {
        return lagFirstReads;
    }

    /**
     * A value the client sets over and over (time zone, role). Acknowledged is what is in place for sure; a value
     * written without acknowledgement may be in place too, until the next acknowledged write.
     */
    private static final class Field {

        private final List<String> cycle;
        private String acknowledged;
        private final Set<String> uncertain = new HashSet<>();
        private int turn;

        Field(List<String> cycle, String initial) {
            this.cycle = cycle;
            this.acknowledged = initial;
        }

        /** The next value in turn that cannot be in place already; if every value might be, the next in turn. */
        String next() {
            for (int i = 0; i < cycle.size(); i++) {
                String candidate = cycle.get((turn + i) % cycle.size());
                if (!mayBeInPlace(candidate)) {
                    turn += i + 1;
                    return candidate;
                }
            }
            return cycle.get(turn++ % cycle.size());
        }

        boolean mayBeInPlace(String value) {
            return value.equals(acknowledged) || uncertain.contains(value);
        }

        void record(String value, Outcome outcome) {
            if (outcome == Outcome.ACKNOWLEDGED) {
                acknowledged = value;
                uncertain.clear();
            } else {
                uncertain.add(value);
            }
        }
    }
}
