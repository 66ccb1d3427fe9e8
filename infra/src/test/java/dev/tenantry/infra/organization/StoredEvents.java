package dev.tenantry.infra.organization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Reads Axon's event store directly, payload and metadata decoded from their JSON bytes. */
final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredEvents() {
    }

    record Event(long globalIndex, String eventId, String aggregateId, long sequenceNumber, String payloadType,
                 JsonNode payload, JsonNode metaData) {

        /** The payload type without its package, e.g. {@code OrganizationCreatedEvent}. */
        String type() {
            return payloadType.substring(payloadType.lastIndexOf('.') + 1);
        }

        String meta(String key) {
            return metaData.path(key).asText(null);
        }
    }

    /** Every event of the given aggregates, in global order. */
    static List<Event> ofAggregates(JdbcTemplate jdbc, String... aggregateIds) {
        return jdbc.query("""
                        select global_index, event_identifier, aggregate_identifier, sequence_number, payload_type,
                               convert_from(payload, 'UTF8') as payload, convert_from(meta_data, 'UTF8') as meta
                        from domain_event_entry where aggregate_identifier = any(?) order by global_index""",
                (rs, row) -> new Event(rs.getLong("global_index"), rs.getString("event_identifier"),
                        rs.getString("aggregate_identifier"), rs.getLong("sequence_number"),
                        rs.getString("payload_type"), parse(rs.getString("payload")), parse(rs.getString("meta"))),
                (Object) aggregateIds);
    }

    static long countOfAggregate(JdbcTemplate jdbc, String aggregateId) {
        Long count = jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?",
                Long.class, aggregateId);
        return count == null ? 0 : count;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.missingNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
