package dev.tenantry.query.audit;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event store's own record of each event, as it stored it: the audit stream copies it when an entry is written
 * (in the transaction that appended the event) and checks entries against it when the chain is verified. The
 * application implements it over the store it configures.
 */
public interface EventStoreRecords {

    /** @param payload the serialized payload, byte for byte as stored */
    record StoredEvent(long globalIndex, String payloadType, byte[] payload) {
    }

    /** The event with this id, or empty when the store does not hold it. */
    Optional<StoredEvent> find(String eventId);

    /** The events of these ids the store holds, by id: an id the store does not hold is absent. */
    Map<String, StoredEvent> findAll(List<String> eventIds);
}
