package dev.tenantry.query.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The hash chain, defined so that anyone can recompute it from an export: hash = hex(SHA-256(previousHash + canonical
 * JSON)), where the canonical JSON is the entry's fields except {@code hash} and {@code previousHash}, keys sorted,
 * no whitespace, instants as ISO-8601 UTC strings, absent values as {@code null}. The first entry of a tenant
 * chains from {@link #genesis(String)}.
 */
final class AuditHashing {

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    /**
     * Values an auditor must never see, even hashed: a token's hash finds an invitation as the token would, and no
     * secret belongs in an export.
     */
    private static final Set<String> SENSITIVE = Set.of("tokenHash", "token", "password",
            "passwordHash", "secret", "secretKey", "webhookSecret");

    private AuditHashing() {
    }

    /** Each tenant's chain starts from the hash of its own id, so two tenants' chains never share a prefix. */
    static String genesis(String tenantId) {
        return sha256("tenantry-audit-genesis:" + tenantId);
    }

    static String hash(AuditEntry entry) {
        return sha256(entry.previousHash() + canonicalJson(entry));
    }

    static String canonicalJson(AuditEntry entry) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("tenantId", entry.tenantId());
        fields.put("sequence", entry.sequence());
        fields.put("globalIndex", entry.globalIndex());
        fields.put("eventId", entry.eventId());
        fields.put("eventType", entry.eventType());
        fields.put("eventRevision", entry.eventRevision());
        fields.put("aggregateType", entry.aggregateType());
        fields.put("aggregateId", entry.aggregateId());
        fields.put("aggregateSequence", entry.aggregateSequence());
        fields.put("actorId", entry.actorId());
        fields.put("occurredAt", entry.occurredAt() == null ? null : entry.occurredAt().toString());
        fields.put("correlationId", entry.correlationId());
        fields.put("causationId", entry.causationId());
        fields.put("stripeEventId", entry.stripeEventId());
        fields.put("payload", entry.payload());
        try {
            return CANONICAL.writeValueAsString(new LinkedHashMap<>(fields));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit entry is always serialisable", e);
        }
    }

    /**
     * The audit form of an event's stored payload: the event store's JSON, secrets redacted, keys sorted. Derived
     * from the stored bytes, so that verification can derive it again from the event store and compare.
     */
    static String auditPayload(byte[] storedPayload) {
        try {
            JsonNode tree = CANONICAL.readTree(storedPayload);
            redact(tree);
            return CANONICAL.writeValueAsString(CANONICAL.treeToValue(tree, Object.class));
        } catch (IOException e) {
            throw new IllegalStateException("An event payload in the store is not JSON", e);
        }
    }

    private static void redact(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                if (SENSITIVE.contains(name)) {
                    object.put(name, "[redacted]");
                } else {
                    redact(object.get(name));
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(AuditHashing::redact);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
