package dev.tenantry.query.audit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recomputes a tenant's hash chain from its first entry and checks every entry against the event store itself
 * (same event, same type, same global position, same payload), naming the first entry where anything differs.
 */
@Component
public class AuditVerifier {

    private final AuditStream stream;
    private final EventStoreRecords eventStore;

    AuditVerifier(AuditStream stream, EventStoreRecords eventStore) {
        this.stream = stream;
        this.eventStore = eventStore;
    }

    /**
     * @param firstBrokenSequence {@code null} when intact
     */
    public record Verification(String organizationId, long checked, String status, Long firstBrokenSequence, String reason,
                        long headSequence, String headHash) {
    }

    /** One read-only transaction: PostgreSQL streams the rows through a cursor only inside one. */
    @Transactional(readOnly = true)
    public Verification verify(String tenantId) {
        Walk walk = new Walk(tenantId);
        stream.forEach(tenantId, walk::check);
        walk.checkAgainstStore();
        Map<String, Object> head = stream.head(tenantId).orElse(Map.of("sequence", 0L,
                "hash", AuditHashing.genesis(tenantId)));
        long headSequence = ((Number) head.get("sequence")).longValue();
        String headHash = (String) head.get("hash");
        if (walk.broken == null && (headSequence != walk.checked || !headHash.equals(walk.previousHash))) {
            walk.broken = walk.checked + 1;
            walk.reason = "the head (sequence " + headSequence + ") does not match the last entry ("
                    + walk.checked + "): entries are missing at the end";
        }
        return new Verification(tenantId, walk.checked, walk.broken == null ? "intact" : "broken", walk.broken,
                walk.reason, headSequence, headHash);
    }

    /**
     * One pass over the chain. The chain is checked entry by entry; the event store is asked about entries in
     * batches, and the first break is the lowest sequence either check found.
     */
    private final class Walk {
        private static final int BATCH = 500;

        private long checked;
        private String previousHash;
        private Long broken;
        private String reason;
        private final List<AuditEntry> awaitingStore = new ArrayList<>(BATCH);

        Walk(String tenantId) {
            this.previousHash = AuditHashing.genesis(tenantId);
        }

        void check(AuditEntry entry) {
            checked++;
            if (broken != null && entry.sequence() > broken) {
                return;
            }
            String problem = chainProblem(entry);
            if (problem != null) {
                breakAt(entry.sequence(), problem);
            }
            previousHash = entry.hash();
            awaitingStore.add(entry);
            if (awaitingStore.size() == BATCH) {
                checkAgainstStore();
            }
        }

        void checkAgainstStore() {
            if (awaitingStore.isEmpty()) {
                return;
            }
            Map<String, EventStoreRecords.StoredEvent> stored = eventStore.findAll(
                    awaitingStore.stream().map(AuditEntry::eventId).toList());
            for (AuditEntry entry : awaitingStore) {
                String problem = storeProblem(entry, stored.get(entry.eventId()));
                if (problem != null) {
                    breakAt(entry.sequence(), problem);
                    break;
                }
            }
            awaitingStore.clear();
        }

        private void breakAt(long sequence, String problem) {
            if (broken == null || sequence < broken) {
                broken = sequence;
                reason = problem;
            }
        }

        private String chainProblem(AuditEntry entry) {
            if (entry.sequence() != checked) {
                return "expected sequence " + checked + " but found " + entry.sequence() + ": an entry is missing";
            }
            if (!entry.previousHash().equals(previousHash)) {
                return "previousHash does not match the hash of entry " + (checked - 1);
            }
            if (!AuditHashing.hash(entry).equals(entry.hash())) {
                return "hash does not match the entry's content: the entry was changed";
            }
            return null;
        }

        private String storeProblem(AuditEntry entry, EventStoreRecords.StoredEvent stored) {
            if (stored == null) {
                return "event " + entry.eventId() + " is not in the event store";
            }
            if (!Objects.equals(stored.payloadType(), entry.eventType())) {
                return "event type differs from the event store (" + stored.payloadType() + ")";
            }
            if (stored.globalIndex() != entry.globalIndex()) {
                return "global position differs from the event store (" + stored.globalIndex() + ")";
            }
            if (!AuditHashing.auditPayload(stored.payload()).equals(entry.payload())) {
                return "payload differs from the event store";
            }
            return null;
        }
    }
}
