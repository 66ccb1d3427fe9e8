package dev.tenantry.benchmark;

import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenarios over one tenant with a large audit stream: the tenant is real (registered and created through the
 * API, renamed once by the app so its rows can be copied), its bulk history is seeded in SQL
 * ({@link AuditSeeder}), and the app's processors are left to catch up before anything is measured, so that the
 * measurement does not share the two cores with them.
 */
final class AuditScenarios {

    private static final String PASSWORD = "Bench-password-0123456789!";
    // Far beyond any expected run: a timeout here means the app is stuck, not slow.
    private static final Duration LONG = Duration.ofMinutes(60);
    private static final Duration CALL = Duration.ofSeconds(30);
    private static final Pattern TOKEN_INDEX = Pattern.compile("\"index\":(\\d+)");

    private final Options options;
    private final URI baseUrl;
    private final Database database;
    /** Null when the app was not started by the benchmark: its heap cannot be observed then. */
    private final GcLog gcLog;
    private final AppProcess app;
    private final PrintStream log;
    private final TenantryApi api;
    private final String runId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());

    private String ownerEmail;
    private String ownerToken;
    private long ownerTokenAt;

    /** @param app null when the benchmark did not start the app (--url) */
    AuditScenarios(Options options, URI baseUrl, Database database, AppProcess app, PrintStream log) {
        this.options = options;
        this.baseUrl = baseUrl;
        this.database = database;
        this.app = app;
        this.gcLog = app == null ? null : app.gcLog();
        this.log = log;
        this.api = new TenantryApi(baseUrl);
    }

    /** The tenant every scenario works on, after seeding and catch-up. */
    private record Tenant(String organizationId, AuditSeeder.Seeded seeded, double catchUpSeconds) {

        String seedJson() {
            return String.format(Locale.ROOT, "\"seed\":{\"entries\":%d,\"seconds\":%.1f,\"vacuumSeconds\":%.1f,"
                            + "\"catchUpSeconds\":%.1f}", seeded.entries(), seeded.seconds(), seeded.vacuumSeconds(),
                    catchUpSeconds);
        }

        String seedLine() {
            return String.format(Locale.ROOT, "Seeded %,d entries in %.1f s (vacuum and analyse %.1f s); the app's "
                            + "processors caught up with them in %.1f s", seeded.entries(), seeded.seconds(),
                    seeded.vacuumSeconds(), catchUpSeconds);
        }
    }

    Outcome run() throws Exception {
        Tenant tenant = setUp();
        if (app != null && !options.appJvmArgs().isEmpty()) {
            // Seeded and caught up in the default heap: the JVM options given are for what is measured.
            app.restart(options.appJvmArgs());
        }
        return switch (options.scenario()) {
            case Options.AUDIT_PAGE -> page(tenant);
            case Options.AUDIT_EXPORT -> export(tenant);
            case Options.REBUILD -> rebuild(tenant);
            default -> throw new IllegalArgumentException(options.scenario());
        };
    }

    private Tenant setUp() throws Exception {
        ownerEmail = "bench-auditor-" + runId + "@example.com";
        Call registered = api.register(ownerEmail, PASSWORD, "Bench auditor");
        ownerToken = field(registered, 201, "accessToken", "register the tenant's owner");
        ownerTokenAt = System.nanoTime();
        String name = "Bench " + runId + " audit";
        String organizationId = field(api.createOrg(ownerToken, name), 201, "id", "create the organization");
        // One rename by the app itself: the seeded rows copy the shape of its event and audit entry.
        String currentName = name + " r0";
        field(api.renameOrg(ownerToken, organizationId, currentName), 200, "id", "rename the organization");

        AuditSeeder.Seeded seeded = new AuditSeeder(database, log).seed(organizationId, currentName, options.entries());
        double catchUp = awaitProcessors(seeded.lastGlobalIndex());
        return new Tenant(organizationId, seeded, catchUp);
    }

    // ---------------------------------------------------------------------------------------------------------
    // audit-page

    private Outcome page(Tenant tenant) throws Exception {
        String token = ownerToken();
        long mark = mark();
        RunResult result = new LoadRun(options, baseUrl, log).execute(runId, List.of(Operation.AUDIT_PAGE),
                (client, clientApi, window, recorder, errorSamples, progress) -> new AuditPageLoop(clientApi, token,
                        tenant.organizationId(), options.pageSize(), tenant.seeded().headSequence(), window, recorder,
                        errorSamples, progress));
        GcLog.HeapPeak heap = heapSince(mark);
        Afterwards afterwards = afterwards(tenant);
        OperationStats pages = result.operations().get(0);
        double entriesPerSecond = pages.successes() * options.pageSize() / result.measuredSeconds();
        List<String> notes = new ArrayList<>();
        notes.add(tenant.seedLine());
        notes.add(String.format(Locale.ROOT, "Paging %,d entries, %d per page: %.0f pages/s, %,.0f entries/s read",
                tenant.seeded().headSequence(), options.pageSize(), pages.rps(), entriesPerSecond));
        notes.add("App heap while paging: " + describe(heap));
        notes.add(afterwards.line());
        notes.add("");
        String extra = tenant.seedJson()
                + ",\"streamEntries\":" + tenant.seeded().headSequence()
                + ",\"pageSize\":" + options.pageSize()
                + String.format(Locale.ROOT, ",\"entriesPerSecond\":%.0f", entriesPerSecond)
                + ",\"appJvmArgs\":" + Json.quote(String.join(" ", options.appJvmArgs()))
                + ",\"heap\":" + heapJson(heap)
                + ",\"afterwards\":" + afterwards.json();
        boolean ok = pages.successes() > 0 && pages.errors() == 0;
        return Outcome.of(result.with(notes, extra), ok);
    }

    // ---------------------------------------------------------------------------------------------------------
    // audit-export

    private Outcome export(Tenant tenant) throws Exception {
        String token = ownerToken();
        String path = "/api/orgs/" + tenant.organizationId() + "/audit";
        Call headCall = api.get(token, path + "/head", CALL);
        long headSequence = Json.topLevelLong(headCall.body(), "sequence").orElse(-1L);
        String headHash = Json.topLevelString(headCall.body(), "hash").orElse("");

        log.printf("Exporting %,d entries...%n", headSequence);
        long mark = mark();
        TenantryApi.Streamed export = api.stream(token, path + "/export", LONG);
        GcLog.HeapPeak exportHeap = heapSince(mark);
        double exportSeconds = export.nanos() / 1e9;
        String lastHash = export.lastLine() == null ? null : Json.topLevelString(export.lastLine(), "hash").orElse(null);
        Long lastSequence = export.lastLine() == null ? null
                : Json.topLevelLong(export.lastLine(), "sequence").orElse(null);
        boolean complete = export.status() == 200 && export.problem() == null && export.lines() == headSequence
                && headHash.equals(lastHash) && Long.valueOf(headSequence).equals(lastSequence);
        BoundedHeap bounded = boundedHeap(complete, export.bytes(), exportHeap);

        log.printf("Verifying %,d entries...%n", headSequence);
        mark = mark();
        Call verify = api.get(token, path + "/verify", LONG);
        GcLog.HeapPeak verifyHeap = heapSince(mark);
        String verifyStatus = verify.status() == 200 ? Json.topLevelString(verify.body(), "status").orElse("?")
                : "HTTP " + verify.status();
        long checked = verify.status() == 200 ? Json.topLevelLong(verify.body(), "checked").orElse(0L) : 0;
        double verifySeconds = verify.nanos() / 1e9;

        Afterwards afterwards = afterwards(tenant);

        List<String> lines = new ArrayList<>();
        lines.add(tenant.seedLine());
        lines.add(String.format(Locale.ROOT, "Export: %,d of %,d entries, %,.1f MB of NDJSON in %.1f s: %,.0f entries/s, "
                        + "%.1f MB/s, first byte after %.0f ms%s", export.lines(), headSequence, export.bytes() / 1e6,
                exportSeconds, export.lines() / exportSeconds, export.bytes() / 1e6 / exportSeconds,
                export.firstByteNanos() / 1e6, complete ? "; the last line is the head (same sequence and hash)"
                        : "; INCOMPLETE (HTTP " + export.status() + ", " + export.problem() + ", last sequence "
                        + lastSequence + ")"));
        lines.add("App heap during the export: " + describe(exportHeap));
        lines.add("Bounded heap: " + bounded.verdict() + " - " + bounded.reason());
        lines.add(String.format(Locale.ROOT, "Verify: %s, %,d entries checked in %.1f s: %,.0f entries/s", verifyStatus,
                checked, verifySeconds, checked / verifySeconds));
        lines.add("App heap during verify: " + describe(verifyHeap));
        lines.add(afterwards.line());

        String json = "{\"scenario\":" + Json.quote(options.scenario())
                + ",\"appJvmArgs\":" + Json.quote(String.join(" ", options.appJvmArgs()))
                + "," + tenant.seedJson()
                + String.format(Locale.ROOT, ",\"export\":{\"entries\":%d,\"expected\":%d,\"bytes\":%d,\"seconds\":%.1f,"
                                + "\"entriesPerSecond\":%.0f,\"firstByteMs\":%.0f,\"complete\":%b,\"heap\":%s}",
                        export.lines(), headSequence, export.bytes(), exportSeconds, export.lines() / exportSeconds,
                        export.firstByteNanos() / 1e6, complete, heapJson(exportHeap))
                + ",\"boundedHeap\":" + Json.quote(bounded.verdict())
                + String.format(Locale.ROOT, ",\"verify\":{\"status\":%s,\"checked\":%d,\"seconds\":%.1f,"
                                + "\"entriesPerSecond\":%.0f,\"heap\":%s}", Json.quote(verifyStatus), checked,
                        verifySeconds, checked / verifySeconds, heapJson(verifyHeap))
                + ",\"afterwards\":" + afterwards.json() + "}";
        boolean ok = complete && !bounded.verdict().equals(BoundedHeap.FAILED) && verifyStatus.equals("intact")
                && checked == headSequence;
        return new Outcome(lines, json, ok);
    }

    /**
     * @param verdict PROVEN, NOT SHOWN (the run could not prove it, e.g. a heap larger than the export) or FAILED
     */
    private record BoundedHeap(String verdict, String reason) {
        static final String PROVEN = "PROVEN";
        static final String NOT_SHOWN = "NOT SHOWN";
        static final String FAILED = "FAILED";
    }

    /**
     * The export is proven to stream when it completed in a heap that could not have held what it wrote: the
     * JVM's heap limit is under half the NDJSON's size (so not even the entries' bytes, let alone their objects,
     * fit at once).
     */
    private BoundedHeap boundedHeap(boolean complete, long exportedBytes, GcLog.HeapPeak heap) {
        if (!complete) {
            return new BoundedHeap(BoundedHeap.FAILED, "the export did not deliver every entry"
                    + (gcLog != null && !appAlive() ? " and the app died" : ""));
        }
        if (gcLog == null) {
            return new BoundedHeap(BoundedHeap.NOT_SHOWN, "the app was not started by the benchmark, so its heap "
                    + "limit and peak are unknown; run without --url");
        }
        Long maxHeap = maxHeapBytes();
        long limit = maxHeap != null ? maxHeap : heap.peakCommittedBytes();
        String limitText = maxHeap != null ? "-Xmx " + (maxHeap >> 20) + " MB" : "the heap it committed ("
                + (limit >> 20) + " MB; no -Xmx given)";
        if (limit == 0 || limit * 2 > exportedBytes) {
            return new BoundedHeap(BoundedHeap.NOT_SHOWN, String.format(Locale.ROOT, "the export completed, but with "
                    + "%s against %,.1f MB exported it does not prove streaming; give --app-jvm-args a smaller -Xmx",
                    limitText, exportedBytes / 1e6));
        }
        return new BoundedHeap(BoundedHeap.PROVEN, String.format(Locale.ROOT, "%,.1f MB of NDJSON streamed by an app "
                        + "limited to %s; peak heap used %d MB (%.0f%% of the data), peak after GC %d MB",
                exportedBytes / 1e6, limitText, heap.peakUsedBytes() >> 20, 100.0 * heap.peakUsedBytes() / exportedBytes,
                heap.peakAfterGcBytes() >> 20));
    }

    /** The last -Xmx among the app's JVM options, in bytes, or null. */
    private Long maxHeapBytes() {
        Long max = null;
        for (String arg : options.appJvmArgs()) {
            Matcher xmx = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)").matcher(arg);
            if (xmx.matches()) {
                long value = Long.parseLong(xmx.group(1));
                max = switch (xmx.group(2).toLowerCase(Locale.ROOT)) {
                    case "k" -> value << 10;
                    case "m" -> value << 20;
                    case "g" -> value << 30;
                    default -> value;
                };
            }
        }
        return max;
    }

    // ---------------------------------------------------------------------------------------------------------
    // rebuild

    private Outcome rebuild(Tenant tenant) throws Exception {
        String adminToken = platformAdminToken();
        String projection = options.projection();
        long events = countEvents();
        log.printf("Rebuilding %s over %,d events...%n", projection, events);
        long mark = mark();
        long started = System.nanoTime();
        Call rebuild = api.post(adminToken, "/api/admin/projections/" + projection + "/rebuild", CALL);
        if (rebuild.status() != 202) {
            throw new IllegalStateException("rebuild of " + projection + " answered HTTP " + rebuild.status() + ": "
                    + rebuild.body());
        }
        String state = awaitRebuilt(adminToken, projection, started);
        double seconds = (System.nanoTime() - started) / 1e9;
        GcLog.HeapPeak heap = heapSince(mark);

        // The rebuilt read model must show what the events say: the last seeded name.
        Call organization = api.get(ownerToken(), "/api/orgs/" + tenant.organizationId(), CALL);
        String name = Json.topLevelString(organization.body(), "name").orElse(null);
        boolean correct = tenant.seeded().lastName().equals(name);
        Afterwards afterwards = afterwards(tenant);

        List<String> lines = new ArrayList<>();
        lines.add(tenant.seedLine());
        lines.add(String.format(Locale.ROOT, "Rebuild of %s: %,d events replayed in %.1f s: %,.0f events/s (%s)",
                projection, events, seconds, events / seconds, state));
        lines.add("App heap during the rebuild: " + describe(heap));
        lines.add("Read model after the rebuild: " + (correct ? "the organization's name is the last seeded rename"
                : "WRONG name " + name + ", expected " + tenant.seeded().lastName()));
        lines.add(afterwards.line());
        String json = "{\"scenario\":" + Json.quote(options.scenario())
                + ",\"appJvmArgs\":" + Json.quote(String.join(" ", options.appJvmArgs()))
                + "," + tenant.seedJson()
                + String.format(Locale.ROOT, ",\"rebuild\":{\"projection\":%s,\"events\":%d,\"seconds\":%.1f,"
                                + "\"eventsPerSecond\":%.0f,\"readModelCorrect\":%b,\"heap\":%s}", Json.quote(projection),
                        events, seconds, events / seconds, correct, heapJson(heap))
                + ",\"afterwards\":" + afterwards.json() + "}";
        return new Outcome(lines, json, correct);
    }

    /** Polls the projections until this one has no lag; returns how it ended. */
    private String awaitRebuilt(String adminToken, String projection, long started) throws Exception {
        Pattern item = Pattern.compile("\\{[^{}]*\"name\":\"" + Pattern.quote(projection) + "\"[^{}]*}");
        long lastLog = System.nanoTime();
        while (System.nanoTime() - started < LONG.toNanos()) {
            Call status = api.get(adminToken, "/api/admin/projections", CALL);
            Matcher found = item.matcher(status.body());
            if (status.status() == 200 && found.find()) {
                String description = found.group();
                long lag = Json.topLevelLong(description, "lag").orElse(-1L);
                if (description.contains("\"error\":true")) {
                    throw new IllegalStateException("the processor failed during the rebuild: " + description);
                }
                if (lag == 0) {
                    return "lag 0: position " + Json.topLevelLong(description, "position").orElse(-1L)
                            + " of head " + Json.topLevelLong(description, "head").orElse(-1L);
                }
                if (System.nanoTime() - lastLog > Duration.ofSeconds(10).toNanos()) {
                    log.printf("  %s: lag %,d after %.0f s%n", projection, lag, (System.nanoTime() - started) / 1e9);
                    lastLog = System.nanoTime();
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(projection + " did not catch up within " + LONG.toMinutes() + " minutes");
    }

    /**
     * The platform admin is configured by email and needs a verified one; the benchmark owns this database, so it
     * marks the email verified in SQL rather than reading the verification mail out of the app's log.
     */
    private String platformAdminToken() throws Exception {
        Call registered = api.register(AppProcess.ADMIN_EMAIL, PASSWORD, "Bench admin");
        if (registered.status() != 201 && registered.status() != 409) {
            throw new IllegalStateException("could not register the platform admin: HTTP " + registered.status()
                    + " " + registered.body());
        }
        try (Connection connection = database.connect();
             PreparedStatement verify = connection.prepareStatement(
                     "update user_account set email_verified_at = coalesce(email_verified_at, now()) where email = ?")) {
            verify.setString(1, AppProcess.ADMIN_EMAIL);
            verify.executeUpdate();
        }
        String token = field(api.login(AppProcess.ADMIN_EMAIL, PASSWORD), 200, "accessToken", "log the admin in");
        Call projections = api.get(token, "/api/admin/projections", CALL);
        if (projections.status() != 200) {
            throw new IllegalStateException("the admin may not see the projections (HTTP " + projections.status()
                    + "); with --url, start the app with --tenantry.platform-admins=" + AppProcess.ADMIN_EMAIL);
        }
        return token;
    }

    private long countEvents() throws SQLException {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("select count(*) from domain_event_entry")) {
            count.next();
            return count.getLong(1);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // shared

    /**
     * Waits until every event processor's token (read models, sagas, policies) has passed the last seeded event:
     * until then they read a million events on the same two cores as the measurement.
     */
    private double awaitProcessors(long lastGlobalIndex) throws Exception {
        long started = System.nanoTime();
        long lastLog = started;
        try (Connection connection = database.connect();
             PreparedStatement tokens = connection.prepareStatement(
                     "select processor_name, token from token_entry")) {
            while (System.nanoTime() - started < LONG.toNanos()) {
                long lowest = Long.MAX_VALUE;
                String slowest = null;
                try (ResultSet rows = tokens.executeQuery()) {
                    while (rows.next()) {
                        byte[] token = rows.getBytes("token");
                        Matcher index = TOKEN_INDEX.matcher(token == null ? "" : new String(token, StandardCharsets.UTF_8));
                        long position = index.find() ? Long.parseLong(index.group(1)) : -1;
                        if (position < lowest) {
                            lowest = position;
                            slowest = rows.getString("processor_name");
                        }
                    }
                }
                if (lowest >= lastGlobalIndex) {
                    double seconds = (System.nanoTime() - started) / 1e9;
                    log.printf("Every event processor has caught up with the seeded events after %.1f s%n", seconds);
                    return seconds;
                }
                if (System.nanoTime() - lastLog > Duration.ofSeconds(15).toNanos()) {
                    log.printf("  waiting for the event processors: %s at %,d of %,d%n", slowest, lowest,
                            lastGlobalIndex);
                    lastLog = System.nanoTime();
                }
                Thread.sleep(1000);
            }
        }
        throw new IllegalStateException("the event processors did not catch up within " + LONG.toMinutes() + " minutes");
    }

    /** Whether the app still works on the seeded organization: a rename through the API extends its stream. */
    private record Afterwards(int status, double seconds, long headBefore, long headAfter) {

        boolean ok() {
            return status == 200 && headAfter == headBefore + 1;
        }

        String line() {
            return String.format(Locale.ROOT, "Afterwards: a rename through the API answered %s in %.1f s "
                            + "(the aggregate loads all its events; no snapshots) and the audit head moved %d -> %d%s",
                    status == Call.NO_RESPONSE ? "nothing" : "HTTP " + status, seconds, headBefore, headAfter,
                    ok() ? "" : " - WARNING: the app could not take a command on this organization any more"
                            + (seconds >= 59 ? " (Axon limits a command's unit of work to 60 s, and loading this "
                            + "many events without a snapshot takes longer)" : ""));
        }

        String json() {
            return String.format(Locale.ROOT, "{\"renameStatus\":%d,\"renameSeconds\":%.1f,\"headBefore\":%d,"
                    + "\"headAfter\":%d,\"ok\":%b}", status, seconds, headBefore, headAfter, ok());
        }
    }

    private Afterwards afterwards(Tenant tenant) throws InterruptedException {
        String token = ownerToken();
        log.println("Checking that the app still works on the seeded organization (one rename)...");
        String headPath = "/api/orgs/" + tenant.organizationId() + "/audit/head";
        long before = Json.topLevelLong(api.get(token, headPath, CALL).body(), "sequence").orElse(-1L);
        Call rename = api.get(token, "/api/orgs/" + tenant.organizationId(), CALL).status() == 200
                ? renameSlowly(token, tenant.organizationId())
                : new Call(Call.NO_RESPONSE, "organization not readable", 0, 0);
        long after = Json.topLevelLong(api.get(ownerToken(), headPath, CALL).body(), "sequence").orElse(-1L);
        return new Afterwards(rename.status(), rename.nanos() / 1e9, before, after);
    }

    private Call renameSlowly(String token, String organizationId) throws InterruptedException {
        return api.patch(token, "/api/orgs/" + organizationId, "{\"name\":\"Bench " + runId + " after\"}", LONG);
    }

    /** Access tokens live 15 minutes and seeding plus catch-up can take longer: log in again when it is old. */
    private String ownerToken() throws InterruptedException {
        if (System.nanoTime() - ownerTokenAt > Duration.ofMinutes(10).toNanos()) {
            ownerToken = field(api.login(ownerEmail, PASSWORD), 200, "accessToken", "log the owner in again");
            ownerTokenAt = System.nanoTime();
        }
        return ownerToken;
    }

    private long mark() {
        return gcLog == null ? 0 : gcLog.mark();
    }

    private GcLog.HeapPeak heapSince(long mark) {
        return gcLog == null ? null : gcLog.since(mark);
    }

    private static String describe(GcLog.HeapPeak heap) {
        return heap == null ? "not measured (the app was not started by the benchmark)" : heap.describe();
    }

    private static String heapJson(GcLog.HeapPeak heap) {
        return heap == null ? "null" : heap.json();
    }

    private boolean appAlive() {
        try {
            return api.health(Duration.ofSeconds(5)).status() == 200;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String field(Call call, int expectedStatus, String field, String what) {
        Optional<String> value = call.status() == expectedStatus ? Json.topLevelString(call.body(), field)
                : Optional.empty();
        return value.orElseThrow(() -> new IllegalStateException("could not " + what + ": HTTP " + call.status()
                + " " + call.body()));
    }
}
