package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The parts of a Stripe event envelope we read. Only Stripe's documented fields are used, by name, so that fields
 * Stripe adds (or moves, between API versions) do not break parsing.
 *
 * @param object {@code data.object}: the subscription, invoice or checkout session as it was when the event happened
 */
record StripeEvent(String id, String type, Instant created, JsonNode object) {

    static final class MalformedEventException extends RuntimeException {
        MalformedEventException(String message) {
            super(message);
        }
    }

    static StripeEvent parse(ObjectMapper json, byte[] body) {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (IOException e) {
            throw new MalformedEventException("The body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new MalformedEventException("The body is not a JSON object");
        }
        String id = text(root, "id");
        String type = text(root, "type");
        JsonNode created = root.path("created");
        JsonNode object = root.path("data").path("object");
        if (id == null || id.isBlank() || type == null || !created.canConvertToLong() || !object.isObject()) {
            throw new MalformedEventException("The body is not a Stripe event (id, type, created, data.object)");
        }
        return new StripeEvent(id, type, Instant.ofEpochSecond(created.asLong()), object);
    }

    /** A string field, or {@code null} when absent, null or not a string. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    /** A field that holds an id, or the expanded object with that id. */
    static String idOf(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isObject() ? text(value, "id") : text(node, field);
    }

    /** A Unix-seconds field as an instant, or {@code null}. */
    static Instant epoch(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.canConvertToLong() ? Instant.ofEpochSecond(value.asLong()) : null;
    }

    /** Our organization ids are UUIDs; anything else in a metadata field is not one of ours. */
    static Optional<String> organizationId(JsonNode value) {
        if (!value.isTextual()) {
            return Optional.empty();
        }
        try {
            String text = value.asText().strip();
            return UUID.fromString(text).toString().equals(text.toLowerCase()) ? Optional.of(text.toLowerCase())
                    : Optional.empty();
        } catch (IllegalArgumentException notAUuid) {
            return Optional.empty();
        }
    }
}
