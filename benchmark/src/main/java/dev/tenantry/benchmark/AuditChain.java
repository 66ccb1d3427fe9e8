package dev.tenantry.benchmark;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The audit stream's hash chain as the README defines it, written again here so that the benchmark depends on
 * nothing of the app: hash = hex(SHA-256(previousHash + canonical JSON)), where the canonical JSON holds every
 * field but the two hashes, keys sorted, no whitespace, absent values as null; a tenant's first entry chains from
 * hex(SHA-256("tenantry-audit-genesis:" + tenantId)). The app's verify endpoint checks that both agree.
 */
final class AuditChain {

    private final MessageDigest sha256;
    private final StringBuilder json = new StringBuilder(1024);

    AuditChain() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    static String genesis(String tenantId) {
        return new AuditChain().sha256("tenantry-audit-genesis:" + tenantId);
    }

    /** One entry's fields; {@code payload} is the event's JSON with sorted keys, as the audit stream stores it. */
    record Entry(String tenantId, long sequence, long globalIndex, String eventId, String eventType,
                 String eventRevision, String aggregateType, String aggregateId, Long aggregateSequence,
                 String actorId, String occurredAt, String correlationId, String causationId, String stripeEventId,
                 String payload) {
    }

    String hash(String previousHash, Entry entry) {
        json.setLength(0);
        // Keys in sorted order, as the canonical form requires.
        json.append('{');
        field("actorId", entry.actorId());
        field("aggregateId", entry.aggregateId());
        number("aggregateSequence", entry.aggregateSequence());
        field("aggregateType", entry.aggregateType());
        field("causationId", entry.causationId());
        field("correlationId", entry.correlationId());
        field("eventId", entry.eventId());
        field("eventRevision", entry.eventRevision());
        field("eventType", entry.eventType());
        number("globalIndex", entry.globalIndex());
        field("occurredAt", entry.occurredAt());
        field("payload", entry.payload());
        number("sequence", entry.sequence());
        field("stripeEventId", entry.stripeEventId());
        field("tenantId", entry.tenantId());
        json.setCharAt(json.length() - 1, '}');
        return sha256(previousHash + json);
    }

    private void field(String name, String value) {
        json.append('"').append(name).append("\":");
        if (value == null) {
            json.append("null");
        } else {
            quote(value);
        }
        json.append(',');
    }

    private void number(String name, Long value) {
        json.append('"').append(name).append("\":").append(value == null ? "null" : value.toString()).append(',');
    }

    /** JSON string escaping as Jackson writes it: quote, backslash and control characters, nothing else. */
    private void quote(String value) {
        json.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                case '\b' -> json.append("\\b");
                case '\f' -> json.append("\\f");
                default -> {
                    if (c < 0x20) {
                        json.append(String.format("\\u%04X", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        json.append('"');
    }

    private String sha256(String text) {
        return HexFormat.of().formatHex(sha256.digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
