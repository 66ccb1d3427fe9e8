package dev.tenantry.infra.billing;

import dev.tenantry.query.billing.AggregateEvents;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.List;

@Component
class EventStoreAggregateEvents implements AggregateEvents {

    private final EventStore eventStore;

    EventStoreAggregateEvents(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public long lastSequence(String aggregateId) {
        return eventStore.lastSequenceNumberFor(aggregateId).orElse(-1L);
    }

    @Override
    public List<Stored> from(String aggregateId, long sequence) {
        return eventStore.readEvents(aggregateId, sequence).asStream()
                .map(event -> new Stored(event.getIdentifier(), event.getSequenceNumber(), event.getPayload()))
                .toList();
    }
}
