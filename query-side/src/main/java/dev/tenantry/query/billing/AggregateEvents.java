package dev.tenantry.query.billing;

import java.util.List;

/**
 * An aggregate's events as the event store holds them: shared by every node, so what a saga on another node
 * recorded is read here too. The application implements it over the store it configures.
 */
public interface AggregateEvents {

    record Stored(String eventId, long sequence, Object payload) {
    }

    /** The sequence number of the aggregate's last event, {@code -1} when it has none. */
    long lastSequence(String aggregateId);

    /** The aggregate's events from this sequence number on, in order. */
    List<Stored> from(String aggregateId, long sequence);
}
