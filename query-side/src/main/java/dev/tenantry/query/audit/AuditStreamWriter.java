package dev.tenantry.query.audit;

import dev.tenantry.api.MessageMetaData;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Revision;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.lang.reflect.RecordComponent;
import java.sql.Timestamp;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Appends every tenant event to its tenant's audit stream inside the unit of work that appends the event (a
 * subscribing processor): the stream commits or rolls back with the event store and can never lag or miss one.
 * The tenant's head row is locked first, so concurrent commands of one tenant extend the chain one after another.
 */
@Component
@ProcessingGroup(AuditStreamWriter.PROCESSING_GROUP)
public class AuditStreamWriter {

    /** The application registers it as a subscribing processor whose failures fail the command. */
    public static final String PROCESSING_GROUP = "audit-stream";

    private final JdbcTemplate jdbc;
    private final EventStoreRecords eventStore;

    AuditStreamWriter(JdbcTemplate jdbc, EventStoreRecords eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message) {
        String tenantId = MessageMetaData.tenantOf(message.getMetaData(), message.getPayload());
        if (tenantId == null) {
            return; // not a tenant's event (a sign-up)
        }
        // The event store has written the event in this transaction already: read back what it stored.
        EventStoreRecords.StoredEvent stored = eventStore.find(message.getIdentifier()).orElseThrow(() ->
                new IllegalStateException("Event " + message.getIdentifier() + " is not in the event store"));
        Map<String, Object> head = lockedHead(tenantId);
        long sequence = ((Number) head.get("sequence")).longValue() + 1;
        DomainEventMessage<?> domain = message instanceof DomainEventMessage<?> d ? d : null;
        AuditEntry unhashed = new AuditEntry(tenantId, sequence, stored.globalIndex(),
                message.getIdentifier(), message.getPayloadType().getName(), revisionOf(message.getPayloadType()),
                domain != null ? domain.getType() : null, domain != null ? domain.getAggregateIdentifier() : null,
                domain != null ? domain.getSequenceNumber() : null,
                metadata(message, MessageMetaData.ACTOR_ID),
                message.getTimestamp().truncatedTo(ChronoUnit.MICROS),
                metadata(message, MessageMetaData.CORRELATION_ID),
                metadata(message, MessageMetaData.CAUSATION_ID), stripeEventIdOf(payload),
                AuditHashing.auditPayload(stored.payload()), (String) head.get("hash"), null);
        String hash = AuditHashing.hash(unhashed);
        jdbc.update("""
                insert into audit_entry (tenant_id, sequence, global_index, event_id, event_type, event_revision,
                    aggregate_type, aggregate_id, aggregate_sequence, actor_id, occurred_at, correlation_id,
                    causation_id, stripe_event_id, payload, previous_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                tenantId, sequence, unhashed.globalIndex(), unhashed.eventId(), unhashed.eventType(),
                unhashed.eventRevision(), unhashed.aggregateType(), unhashed.aggregateId(),
                unhashed.aggregateSequence(), unhashed.actorId(), Timestamp.from(unhashed.occurredAt()),
                unhashed.correlationId(), unhashed.causationId(), unhashed.stripeEventId(), unhashed.payload(),
                unhashed.previousHash(), hash);
        jdbc.update("update audit_head set sequence = ?, hash = ? where tenant_id = ?", sequence, hash, tenantId);
    }


    /** The tenant's head, locked until the transaction ends; created at the genesis hash with its first event. */
    private Map<String, Object> lockedHead(String tenantId) {
        List<Map<String, Object>> head = jdbc.queryForList(
                "select sequence, hash from audit_head where tenant_id = ? for update", tenantId);
        if (!head.isEmpty()) {
            return head.get(0);
        }
        jdbc.update("insert into audit_head (tenant_id, sequence, hash) values (?, 0, ?) on conflict do nothing",
                tenantId, AuditHashing.genesis(tenantId));
        return jdbc.queryForMap("select sequence, hash from audit_head where tenant_id = ? for update", tenantId);
    }

    private static String metadata(EventMessage<?> message, String key) {
        Object value = message.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private static String revisionOf(Class<?> type) {
        Revision revision = type.getAnnotation(Revision.class);
        return revision == null ? null : revision.value();
    }

    /** Billing events name the Stripe event that caused them. */
    private static String stripeEventIdOf(Object payload) {
        if (!payload.getClass().isRecord()) {
            return null;
        }
        for (RecordComponent component : payload.getClass().getRecordComponents()) {
            if (component.getName().equals("stripeEventId")) {
                try {
                    Object value = component.getAccessor().invoke(payload);
                    return value == null ? null : value.toString();
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Could not read stripeEventId of " + payload.getClass(), e);
                }
            }
        }
        return null;
    }
}
