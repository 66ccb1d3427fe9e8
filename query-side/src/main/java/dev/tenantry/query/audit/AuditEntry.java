package dev.tenantry.query.audit;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.time.Instant;

/**
 * One entry of a tenant's audit stream, as stored, exported and hashed. {@code hash} = SHA-256 over
 * {@code previousHash} followed by the canonical JSON of every other field ({@link AuditHashing}).
 *
 * @param payload the event's payload as JSON text, secrets redacted
 */
@JsonPropertyOrder(alphabetic = true)
public record AuditEntry(String tenantId,
                         long sequence,
                         long globalIndex,
                         String eventId,
                         String eventType,
                         String eventRevision,
                         String aggregateType,
                         String aggregateId,
                         Long aggregateSequence,
                         String actorId,
                         Instant occurredAt,
                         String correlationId,
                         String causationId,
                         String stripeEventId,
                         String payload,
                         String previousHash,
                         String hash) {
}
