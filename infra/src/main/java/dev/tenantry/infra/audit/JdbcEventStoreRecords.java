package dev.tenantry.infra.audit;

import dev.tenantry.query.audit.EventStoreRecords;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The event store's rows in PostgreSQL ({@code domain_event_entry}, Axon's JPA event storage), read by event id. */
@Component
class JdbcEventStoreRecords implements EventStoreRecords {

    private final JdbcTemplate jdbc;

    JdbcEventStoreRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<StoredEvent> find(String eventId) {
        return jdbc.query("select global_index, payload_type, payload from domain_event_entry "
                + "where event_identifier = ?", (rs, row) -> stored(rs), eventId).stream().findFirst();
    }

    @Override
    public Map<String, StoredEvent> findAll(List<String> eventIds) {
        Map<String, StoredEvent> stored = new HashMap<>();
        jdbc.query("select event_identifier, global_index, payload_type, payload from domain_event_entry "
                        + "where event_identifier = any(?)",
                rs -> {
                    stored.put(rs.getString("event_identifier"), stored(rs));
                }, (Object) eventIds.toArray(String[]::new));
        return stored;
    }

    private static StoredEvent stored(ResultSet rs) throws SQLException {
        return new StoredEvent(rs.getLong("global_index"), rs.getString("payload_type"), rs.getBytes("payload"));
    }
}
