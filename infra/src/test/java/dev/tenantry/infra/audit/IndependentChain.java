package dev.tenantry.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The hash chain as the README defines it, computed here without the application's code, from entries as the API
 * returns them (where absent fields are left out): what an auditor would write to check an export.
 */
final class IndependentChain {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> HASHED = List.of("actorId", "aggregateId", "aggregateSequence",
            "aggregateType", "causationId", "correlationId", "eventId", "eventRevision", "eventType", "globalIndex",
            "occurredAt", "payload", "sequence", "stripeEventId", "tenantId");

    private IndependentChain() {
    }

    static String genesis(String tenantId) {
        return sha256("tenantry-audit-genesis:" + tenantId);
    }

    /** The hash an entry must have, chained from {@code previousHash}. */
    static String hash(String previousHash, JsonNode entry) {
        return sha256(previousHash + canonical(entry));
    }

    /** Every field but the hashes, keys sorted, absent ones as null, no whitespace. */
    static String canonical(JsonNode entry) {
        Map<String, Object> fields = new TreeMap<>();
        for (String field : HASHED) {
            JsonNode value = entry.path(field);
            fields.put(field, value.isMissingNode() || value.isNull() ? null
                    : value.isNumber() ? value.numberValue() : value.asText());
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
