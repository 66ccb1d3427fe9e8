package dev.tenantry.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The query side's view of the audit stream: each stored entry with its payload read back through the event
 * serializer and the upcasters the event store uses, so that an old entry reads as the current event class.
 */
@Component
class StoredAuditEvents implements AuditEvents {

    private final AuditStream stream;
    private final Configuration axon;

    StoredAuditEvents(AuditStream stream, Configuration axon) {
        this.stream = stream;
        this.axon = axon;
    }

    @Override
    public List<RecordedEvent> latest(String tenantId, int limit) {
        return stream.latest(tenantId, limit).stream().flatMap(this::recorded).toList();
    }

    @Override
    public List<RecordedEvent> after(String tenantId, long sequence, int limit) {
        return stream.page(tenantId, sequence, limit, AuditStream.Filter.NONE).stream().flatMap(this::recorded)
                .toList();
    }

    /** In a transaction: PostgreSQL streams through a cursor only inside one. */
    @Override
    @Transactional(readOnly = true)
    public void replay(String tenantId, Instant before, Consumer<RecordedEvent> consumer) {
        stream.forEach(tenantId, new AuditStream.Filter(null, before, null, null),
                entry -> recorded(entry).forEach(consumer));
    }

    /**
     * An entry reads as one event, or as several where an upcaster split an old one (a billing event of revision 1
     * also set the seat limit: it reads as itself and the SeatLimitChangedEvent it implied), all at its sequence.
     */
    private Stream<RecordedEvent> recorded(AuditEntry entry) {
        return events(entry).stream().map(event -> new RecordedEvent(entry.sequence(), entry.occurredAt(),
                entry.eventType(), entry.actorId(), entry.stripeEventId() != null, event));
    }

    private List<Object> events(AuditEntry entry) {
        try {
            IntermediateEventRepresentation stored = new InitialEventRepresentation(new GenericDomainEventEntry<>(
                    entry.aggregateType(), entry.aggregateId(),
                    entry.aggregateSequence() == null ? 0 : entry.aggregateSequence(), entry.eventId(),
                    entry.occurredAt(), entry.eventType(), entry.eventRevision(), entry.payload(), "{}"),
                    axon.eventSerializer());
            List<Object> events = new ArrayList<>();
            axon.upcasterChain().upcast(Stream.of(stored)).forEach(upcast -> {
                Object event = axon.eventSerializer().deserialize(upcast.getData());
                if (event instanceof UnknownSerializedType unknown) {
                    // No class reads it any more, but a payload that is not even JSON is damage, not history.
                    unknown.readData(JsonNode.class);
                    events.add(null);
                } else {
                    events.add(event);
                }
            });
            return events.isEmpty() ? Collections.singletonList(null) : events;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Unreadable audit payload at sequence " + entry.sequence(), e);
        }
    }
}
