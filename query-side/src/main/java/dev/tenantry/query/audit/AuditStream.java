package dev.tenantry.query.audit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads a tenant's audit stream. Every query is by tenant: no page ever holds another tenant's entry. */
@Component
public class AuditStream {

    private static final String COLUMNS = """
            tenant_id, sequence, global_index, event_id, event_type, event_revision, aggregate_type, aggregate_id,
            aggregate_sequence, actor_id, occurred_at, correlation_id, causation_id, stripe_event_id, payload,
            previous_hash, hash""";
    private static final RowMapper<AuditEntry> ENTRY = AuditStream::entry;

    private final JdbcTemplate jdbc;

    AuditStream(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Filters of a page; {@code null} means no filter. */
    public record Filter(Instant from, Instant to, String eventType, String actorId) {

        public static final Filter NONE = new Filter(null, null, null, null);
    }

    /** The latest {@code limit} entries, newest first. */
    public List<AuditEntry> latest(String tenantId, int limit) {
        return jdbc.query("select " + COLUMNS + " from audit_entry where tenant_id = ? order by sequence desc limit ?",
                ENTRY, tenantId, limit);
    }

    /** The page a client asked for, oldest first. */
    public AuditPage page(String tenantId, AuditPageRequest request) {
        return request.pageOf(page(tenantId, request.after(), request.limit(), request.filter()));
    }

    /** The entries after {@code after} that pass the filter, oldest first, at most {@code limit}. */
    public List<AuditEntry> page(String tenantId, long after, int limit, Filter filter) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS
                + " from audit_entry where tenant_id = ? and sequence > ?");
        List<Object> arguments = new ArrayList<>(List.of(tenantId, after));
        appendFilter(filter, sql, arguments);
        sql.append(" order by sequence limit ?");
        arguments.add(limit);
        return jdbc.query(sql.toString(), ENTRY, arguments.toArray());
    }

    private static void appendFilter(Filter filter, StringBuilder sql, List<Object> arguments) {
        if (filter.from() != null) {
            sql.append(" and occurred_at >= ?");
            arguments.add(Timestamp.from(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" and occurred_at < ?");
            arguments.add(Timestamp.from(filter.to()));
        }
        if (filter.eventType() != null) {
            // Either the full type or its simple name: auditors read "MemberInvitedEvent", not the package.
            // The type is matched literally: a '%' or '_' of the client's is no wildcard.
            sql.append(" and (event_type = ? or event_type like ? escape '\\')");
            arguments.add(filter.eventType());
            arguments.add("%." + filter.eventType().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_"));
        }
        if (filter.actorId() != null) {
            sql.append(" and actor_id = ?");
            arguments.add(filter.actorId());
        }
    }

    /** The tenant's {@code sequence} and {@code hash} of its latest entry; empty before its first. */
    public Optional<Map<String, Object>> head(String tenantId) {
        return jdbc.queryForList("select sequence, hash from audit_head where tenant_id = ?", tenantId).stream()
                .findFirst();
    }

    /**
     * Every entry of the tenant in sequence order, one at a time, without holding the stream in memory: call it in
     * a transaction, since PostgreSQL streams through a cursor (the fetch size) only inside one.
     */
    void forEach(String tenantId, Consumer<AuditEntry> consumer) {
        forEach(tenantId, Filter.NONE, consumer);
    }

    public void forEach(String tenantId, Filter filter, Consumer<AuditEntry> consumer) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_entry where tenant_id = ?");
        List<Object> arguments = new ArrayList<>(List.of(tenantId));
        appendFilter(filter, sql, arguments);
        sql.append(" order by sequence");
        jdbc.query(connection -> {
            var statement = connection.prepareStatement(sql.toString());
            statement.setFetchSize(500);
            for (int i = 0; i < arguments.size(); i++) {
                statement.setObject(i + 1, arguments.get(i));
            }
            return statement;
        }, resultSet -> {
            consumer.accept(entry(resultSet, 0));
        });
    }

    private static AuditEntry entry(ResultSet rs, int row) throws SQLException {
        return new AuditEntry(rs.getString("tenant_id"), rs.getLong("sequence"), rs.getLong("global_index"),
                rs.getString("event_id"), rs.getString("event_type"), rs.getString("event_revision"),
                rs.getString("aggregate_type"), rs.getString("aggregate_id"),
                rs.getObject("aggregate_sequence", Long.class), rs.getString("actor_id"),
                rs.getTimestamp("occurred_at").toInstant(), rs.getString("correlation_id"),
                rs.getString("causation_id"), rs.getString("stripe_event_id"), rs.getString("payload"),
                rs.getString("previous_hash"), rs.getString("hash"));
    }
}
