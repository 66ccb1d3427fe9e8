package dev.tenantry.benchmark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first few distinct failures verbatim, each with how often it recurred: counts say that something broke,
 * the bodies usually say what, and a failure repeated thousands of times should not hide the other kinds.
 */
final class ErrorSamples {

    private static final int LIMIT = 5;
    private static final int MAX_BODY = 500;

    private final Map<String, Long> samples = new LinkedHashMap<>();

    synchronized void offer(Operation operation, int status, String body) {
        String flat = body == null ? "" : body.replaceAll("\\s+", " ").strip();
        if (flat.length() > MAX_BODY) {
            flat = flat.substring(0, MAX_BODY) + "...";
        }
        String outcome = status == Call.NO_RESPONSE ? "no response" : "HTTP " + status;
        String sample = operation.key() + ": " + outcome + (flat.isEmpty() ? "" : " " + flat);
        if (samples.containsKey(sample) || samples.size() < LIMIT) {
            samples.merge(sample, 1L, Long::sum);
        }
    }

    synchronized List<String> samples() {
        return samples.entrySet().stream()
                .map(entry -> entry.getKey() + (entry.getValue() > 1 ? " (" + entry.getValue() + " times)" : ""))
                .toList();
    }
}
