package dev.tenantry.infra.audit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.Map;
import java.util.Objects;

/**
 * Recomputes a tenant's hash chain from its first entry and checks every entry against the event store itself
 * (same event, same type, same global position, same payload), naming the first entry where anything differs.
 */
@Component
class AuditVerifier {

    private final AuditStream stream;

    AuditVerifier(AuditStream stream) {
        this.stream = stream;
    }

    /**
     * @param firstBrokenSequence {@code null} when intact
     */
    record Verification(String organizationId, long checked, String status, Long firstBrokenSequence, String reason,
                        long headSequence, String headHash) {
    }

    /** One read-only transaction: PostgreSQL streams the rows through a cursor only inside one. */
    @Transactional(readOnly = true)
    Verification verify(String tenantId) {
        Walk walk = new Walk(tenantId);
        stream.forEach(tenantId, walk::check);
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

    /** State of one pass over the chain. */
    private final class Walk {
        private long checked;
        private String previousHash;
        private Long broken;
        private String reason;

        Walk(String tenantId) {
            this.previousHash = AuditHashing.genesis(tenantId);
        }

        void check(AuditEntry entry) {
            checked++;
            if (broken != null) {
                return;
            }
            String problem = problem(entry);
            if (problem != null) {
                broken = entry.sequence();
                reason = problem;
            }
            previousHash = entry.hash();
        }

        private String problem(AuditEntry entry) {
            if (entry.sequence() != checked) {
                return "expected sequence " + checked + " but found " + entry.sequence() + ": an entry is missing";
            }
            if (!entry.previousHash().equals(previousHash)) {
                return "previousHash does not match the hash of entry " + (checked - 1);
            }
            if (!AuditHashing.hash(entry).equals(entry.hash())) {
                return "hash does not match the entry's content: the entry was changed";
            }
            Map<String, Object> stored = stream.storedEvent(entry.eventId()).orElse(null);
            if (stored == null) {
                return "event " + entry.eventId() + " is not in the event store";
            }
            if (!Objects.equals(stored.get("payload_type"), entry.eventType())) {
                return "event type differs from the event store (" + stored.get("payload_type") + ")";
            }
            if (((Number) stored.get("global_index")).longValue() != entry.globalIndex()) {
                return "global position differs from the event store (" + stored.get("global_index") + ")";
            }
            if (!AuditHashing.auditPayload((byte[]) stored.get("payload")).equals(entry.payload())) {
                return "payload differs from the event store";
            }
            return null;
        }
    }
}
