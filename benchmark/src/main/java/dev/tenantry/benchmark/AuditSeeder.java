package dev.tenantry.benchmark;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Appends N renames of one organization straight into PostgreSQL, as the app would have written them: each one
 * an {@code OrganizationRenamedEvent} in Axon's event store (the aggregate's sequence continuing, global positions
 * from the store's own sequence, payload and metadata shaped like the app's own rename row) and its entry in the
 * tenant's audit stream, hash-chained from the tenant's head, which is moved to the last one. One transaction,
 * holding the tenant's head row lock as the app's writers do, so the chain stays linear. COPY makes a million
 * rows take about a minute instead of the hours the HTTP API would need.
 */
final class AuditSeeder {

    private static final int ROWS_PER_CHUNK = 5_000;
    private static final String RENAMED = "dev.tenantry.api.organization.OrganizationRenamedEvent";
    // What Axon writes into time_stamp: ISO-8601 in UTC with exactly three fraction digits.
    private static final DateTimeFormatter AXON_TIMESTAMP = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();
    private static final Pattern RENAME_PAYLOAD =
            Pattern.compile("\\{\"organizationId\":\"[^\"]*\",\"name\":\"[^\"]*\",\"previousName\":\"[^\"]*\"}");
    private static final Pattern METADATA = Pattern.compile(
            "\\{\"tenantId\":\"[^\"]*\",\"causationId\":\"[^\"]*\",\"correlationId\":\"[^\"]*\",\"actorId\":\"([^\"]*)\"}");

    private final Database database;
    private final PrintStream log;

    AuditSeeder(Database database, PrintStream log) {
        this.database = database;
        this.log = log;
    }

    /** What the stream looks like after seeding. */
    record Seeded(long entries, long headSequence, String headHash, long lastGlobalIndex, String lastName,
                  double seconds, double vacuumSeconds) {
    }

    /**
     * @param currentName the organization's name now: the first seeded rename's previous name
     */
    Seeded seed(String organizationId, String currentName, long count) throws SQLException {
        long started = System.nanoTime();
        Seeded seeded;
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            Template template = template(connection, organizationId);
            long[] head = new long[1];
            String headHash = lockHead(connection, organizationId, head);
            long firstAggregateSequence = lastAggregateSequence(connection, organizationId) + 1;
            long[] globalIndexes = globalIndexes(connection, count);
            Instant firstAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            long seed = ThreadLocalRandom.current().nextLong();
            Rows rows = new Rows(organizationId, currentName, template, head[0] + 1, firstAggregateSequence,
                    globalIndexes, firstAt, seed);

            log.printf("Seeding %,d renames of organization %s (audit sequence %d on, aggregate sequence %d on)%n",
                    count, organizationId, head[0] + 1, firstAggregateSequence);
            String lastHash = copyAuditEntries(connection, rows, headHash, count);
            copyEvents(connection, rows, count);
            try (PreparedStatement update = connection.prepareStatement(
                    "update audit_head set sequence = ?, hash = ? where tenant_id = ?")) {
                update.setLong(1, head[0] + count);
                update.setString(2, lastHash);
                update.setString(3, organizationId);
                update.executeUpdate();
            }
            connection.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            log.printf("Seeded %,d events and audit entries in %.1f s (%,.0f rows/s each)%n", count, seconds,
                    count / seconds);
            seeded = new Seeded(count, head[0] + count, lastHash, globalIndexes[(int) count - 1],
                    Rows.name(count), seconds, 0);
        }
        return vacuum(seeded);
    }

    /**
     * A database that had grown to this size by itself would have been vacuumed and analysed by now; without it
     * autovacuum does that work in the middle of the measurement, on the same two cores.
     */
    private Seeded vacuum(Seeded seeded) throws SQLException {
        long started = System.nanoTime();
        try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
            statement.execute("vacuum (analyze) domain_event_entry");
            statement.execute("vacuum (analyze) audit_entry");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        log.printf("Vacuumed and analysed both tables in %.1f s%n", seconds);
        return new Seeded(seeded.entries(), seeded.headSequence(), seeded.headHash(), seeded.lastGlobalIndex(),
                seeded.lastName(), seeded.seconds(), seconds);
    }

    /** The app's own latest rename of this organization: the rows written here copy its shape. */
    private record Template(String aggregateType, String payloadRevision, String actorId, String eventRevision) {
    }

    private static Template template(Connection connection, String organizationId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("""
                select e.type, e.payload_revision, e.payload, e.meta_data, a.event_revision
                from domain_event_entry e join audit_entry a on a.event_id = e.event_identifier
                where e.aggregate_identifier = ? and e.payload_type = ?
                order by e.sequence_number desc limit 1""")) {
            query.setString(1, organizationId);
            query.setString(2, RENAMED);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("organization " + organizationId
                            + " has no rename written by the app to copy the shape of");
                }
                String payload = new String(row.getBytes("payload"), StandardCharsets.UTF_8);
                String metadata = new String(row.getBytes("meta_data"), StandardCharsets.UTF_8);
                if (!RENAME_PAYLOAD.matcher(payload).matches()) {
                    throw new IllegalStateException("the app's rename payload changed shape: " + payload);
                }
                Matcher meta = METADATA.matcher(metadata);
                if (!meta.matches()) {
                    throw new IllegalStateException("the app's event metadata changed shape: " + metadata);
                }
                return new Template(row.getString("type"), row.getString("payload_revision"), meta.group(1),
                        row.getString("event_revision"));
            }
        }
    }

    private static String lockHead(Connection connection, String tenantId, long[] sequence) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select sequence, hash from audit_head where tenant_id = ? for update")) {
            query.setString(1, tenantId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("tenant " + tenantId + " has no audit stream yet");
                }
                sequence[0] = row.getLong(1);
                return row.getString(2);
            }
        }
    }

    private static long lastAggregateSequence(Connection connection, String aggregateId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select max(sequence_number) from domain_event_entry where aggregate_identifier = ?")) {
            query.setString(1, aggregateId);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /** Taken from the event store's own sequence, so the app's next event follows them whatever it does meanwhile. */
    private static long[] globalIndexes(Connection connection, long count) throws SQLException {
        long[] indexes = new long[Math.toIntExact(count)];
        try (PreparedStatement query = connection.prepareStatement(
                "select nextval('domain_event_entry_global_index_seq') from generate_series(1, ?)")) {
            query.setFetchSize(50_000);
            query.setLong(1, count);
            try (ResultSet rows = query.executeQuery()) {
                for (int i = 0; rows.next(); i++) {
                    indexes[i] = rows.getLong(1);
                }
            }
        }
        return indexes;
    }

    private String copyAuditEntries(Connection connection, Rows rows, String headHash, long count) throws SQLException {
        AuditChain chain = new AuditChain();
        String previousHash = headHash;
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                copy audit_entry (tenant_id, sequence, global_index, event_id, event_type, event_revision,
                    aggregate_type, aggregate_id, aggregate_sequence, actor_id, occurred_at, correlation_id,
                    causation_id, stripe_event_id, payload, previous_hash, hash) from stdin (format csv)""");
        StringBuilder chunk = new StringBuilder(ROWS_PER_CHUNK * 900);
        try {
            for (long i = 1; i <= count; i++) {
                AuditChain.Entry entry = rows.auditEntry(i);
                String hash = chain.hash(previousHash, entry);
                chunk.append(entry.tenantId()).append(',').append(entry.sequence()).append(',')
                        .append(entry.globalIndex()).append(',').append(entry.eventId()).append(',')
                        .append(entry.eventType()).append(',').append(entry.eventRevision()).append(',')
                        .append(entry.aggregateType()).append(',').append(entry.aggregateId()).append(',')
                        .append(entry.aggregateSequence()).append(',').append(entry.actorId()).append(',')
                        .append(entry.occurredAt()).append(',').append(entry.correlationId()).append(',')
                        .append(entry.causationId()).append(",,\"").append(entry.payload().replace("\"", "\"\""))
                        .append("\",").append(previousHash).append(',').append(hash).append('\n');
                previousHash = hash;
                flushEvery(copy, chunk, i, count, "audit entries");
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
        return previousHash;
    }

    private void copyEvents(Connection connection, Rows rows, long count) throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                copy domain_event_entry (global_index, event_identifier, aggregate_identifier, sequence_number, type,
                    time_stamp, payload_type, payload_revision, payload, meta_data) from stdin (format csv)""");
        StringBuilder chunk = new StringBuilder(ROWS_PER_CHUNK * 900);
        HexFormat hex = HexFormat.of();
        try {
            for (long i = 1; i <= count; i++) {
                chunk.append(rows.globalIndex(i)).append(',').append(rows.eventId(i)).append(',')
                        .append(rows.organizationId).append(',').append(rows.aggregateSequence(i)).append(',')
                        .append(rows.template.aggregateType()).append(',').append(AXON_TIMESTAMP.format(rows.at(i)))
                        .append(',').append(RENAMED).append(',').append(rows.template.payloadRevision())
                        // bytea in hex form; CSV takes the backslash literally.
                        .append(",\\x").append(hex.formatHex(rows.storedPayload(i).getBytes(StandardCharsets.UTF_8)))
                        .append(",\\x").append(hex.formatHex(rows.metadata(i).getBytes(StandardCharsets.UTF_8)))
                        .append('\n');
                flushEvery(copy, chunk, i, count, "events");
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private void flushEvery(CopyIn copy, StringBuilder chunk, long i, long count, String what) throws SQLException {
        if (i % ROWS_PER_CHUNK == 0 || i == count) {
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
            copy.writeToCopy(bytes, 0, bytes.length);
            chunk.setLength(0);
        }
        if (i % 200_000 == 0 && i != count) {
            log.printf("  %,d of %,d %s%n", i, count, what);
        }
    }

    /**
     * The i-th seeded rename (1-based), derived from i alone, so that the audit pass and the event store pass
     * produce the same ids without keeping a million of them in memory.
     */
    private static final class Rows {
        private final String organizationId;
        private final String currentName;
        private final Template template;
        private final long firstAuditSequence;
        private final long firstAggregateSequence;
        private final long[] globalIndexes;
        private final Instant firstAt;
        private final long seed;

        Rows(String organizationId, String currentName, Template template, long firstAuditSequence,
             long firstAggregateSequence, long[] globalIndexes, Instant firstAt, long seed) {
            this.organizationId = organizationId;
            this.currentName = currentName;
            this.template = template;
            this.firstAuditSequence = firstAuditSequence;
            this.firstAggregateSequence = firstAggregateSequence;
            this.globalIndexes = globalIndexes;
            this.firstAt = firstAt;
            this.seed = seed;
        }

        static String name(long i) {
            return "Seeded rename " + i;
        }

        String previousName(long i) {
            return i == 1 ? currentName : name(i - 1);
        }

        long globalIndex(long i) {
            return globalIndexes[(int) (i - 1)];
        }

        long aggregateSequence(long i) {
            return firstAggregateSequence + i - 1;
        }

        /** A microsecond apart: the app's audit entries keep microseconds, its event store milliseconds. */
        Instant at(long i) {
            return firstAt.plus(i, ChronoUnit.MICROS);
        }

        String eventId(long i) {
            return uuid(i, 0);
        }

        String storedPayload(long i) {
            return "{\"organizationId\":\"" + organizationId + "\",\"name\":\"" + name(i)
                    + "\",\"previousName\":\"" + previousName(i) + "\"}";
        }

        /** The audit form of the payload: keys sorted; a rename has nothing to redact. */
        String auditPayload(long i) {
            return "{\"name\":\"" + name(i) + "\",\"organizationId\":\"" + organizationId
                    + "\",\"previousName\":\"" + previousName(i) + "\"}";
        }

        /** One command per rename, as the API would have sent it: the command's id caused it and correlates it. */
        String metadata(long i) {
            return "{\"tenantId\":\"" + organizationId + "\",\"causationId\":\"" + uuid(i, 1)
                    + "\",\"correlationId\":\"" + uuid(i, 2) + "\",\"actorId\":\"" + template.actorId() + "\"}";
        }

        AuditChain.Entry auditEntry(long i) {
            return new AuditChain.Entry(organizationId, firstAuditSequence + i - 1, globalIndex(i), eventId(i), RENAMED,
                    template.eventRevision(), template.aggregateType(), organizationId, aggregateSequence(i),
                    template.actorId(), at(i).toString(), uuid(i, 2), uuid(i, 1), null, auditPayload(i));
        }

        /** A random-looking version 4 UUID that is a pure function of (run seed, i, k). */
        private String uuid(long i, int k) {
            long msb = mix(seed + i * 6 + k * 2);
            long lsb = mix(seed + i * 6 + k * 2 + 1);
            msb = (msb & ~0xF000L) | 0x4000L;
            lsb = (lsb & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(msb, lsb).toString();
        }

        // SplitMix64's finaliser: consecutive inputs give unrelated outputs.
        private static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
