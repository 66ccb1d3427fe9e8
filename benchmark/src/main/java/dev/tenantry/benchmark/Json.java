package dev.tenantry.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Just enough JSON for this tool: quoting request values, reading one top-level field of a response, and taking
 * nested objects and list items apart so the same reads apply to them. Hand-written so the jar stays
 * dependency-free.
 */
final class Json {

    private Json() {
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    /**
     * The string value of {@code field} in the outermost object. Only depth 1 is considered because a response
     * such as register's nests a {@code user} object with its own {@code id}.
     */
    static Optional<String> topLevelString(String json, String field) {
        int valueStart = topLevelValue(json, field);
        return valueStart < 0 ? Optional.empty() : stringValueAfterColon(json, valueStart);
    }

    /** The whole-number value of {@code field} in the outermost object; empty when absent, null or not a number. */
    static Optional<Long> topLevelLong(String json, String field) {
        int valueStart = topLevelValue(json, field);
        if (valueStart < 0) {
            return Optional.empty();
        }
        int start = skipWhitespace(json, skipWhitespace(json, valueStart) + 1);
        int end = start;
        while (end < json.length() && (Character.isDigit(json.charAt(end)) || (end == start && json.charAt(end) == '-'))) {
            end++;
        }
        return end == start ? Optional.empty() : Optional.of(Long.parseLong(json.substring(start, end)));
    }

    /** The object that is the value of {@code field} in the outermost object, as JSON text; empty when not an object. */
    static Optional<String> topLevelObject(String json, String field) {
        int valueStart = topLevelValue(json, field);
        if (valueStart < 0) {
            return Optional.empty();
        }
        int start = skipWhitespace(json, skipWhitespace(json, valueStart) + 1);
        if (start >= json.length() || json.charAt(start) != '{') {
            return Optional.empty();
        }
        int end = endOfValue(json, start);
        return end < 0 ? Optional.empty() : Optional.of(json.substring(start, end));
    }

    /**
     * The objects of the list that is the value of {@code field} in the outermost object (the API wraps its lists
     * as {@code {"items": [...]}}), each as JSON text; empty when there is no such list.
     */
    static List<String> objectsIn(String json, String field) {
        List<String> objects = new ArrayList<>();
        int valueStart = topLevelValue(json, field);
        if (valueStart < 0) {
            return objects;
        }
        int i = skipWhitespace(json, skipWhitespace(json, valueStart) + 1);
        if (i >= json.length() || json.charAt(i) != '[') {
            return objects;
        }
        i = skipWhitespace(json, i + 1);
        while (i < json.length() && json.charAt(i) == '{') {
            int end = endOfValue(json, i);
            if (end < 0) {
                break;
            }
            objects.add(json.substring(i, end));
            i = skipWhitespace(json, end);
            if (i < json.length() && json.charAt(i) == ',') {
                i = skipWhitespace(json, i + 1);
            }
        }
        return objects;
    }

    /** Index just past the object or list opening at {@code start}, or -1 if it does not close. */
    private static int endOfValue(String json, int start) {
        int depth = 0;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                i = endOfString(json, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return -1;
    }

    /** Index just past the closing quote of the key {@code field} at depth 1, or -1 if there is none. */
    private static int topLevelValue(String json, String field) {
        int depth = 0;
        int i = 0;
        while (i < json.length()) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = endOfString(json, i);
                if (end < 0) {
                    return -1;
                }
                if (depth == 1 && isKey(json, end + 1) && json.substring(i + 1, end).equals(field)) {
                    return end + 1;
                }
                i = end + 1;
                continue;
            }
            if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
            }
            i++;
        }
        return -1;
    }

    /** Index of the closing quote of the string opening at {@code start}, or -1 if unterminated. */
    private static int endOfString(String json, int start) {
        for (int i = start + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    private static boolean isKey(String json, int from) {
        int i = skipWhitespace(json, from);
        return i < json.length() && json.charAt(i) == ':';
    }

    private static Optional<String> stringValueAfterColon(String json, int from) {
        int start = skipWhitespace(json, skipWhitespace(json, from) + 1);
        if (start >= json.length() || json.charAt(start) != '"') {
            return Optional.empty();
        }
        int end = endOfString(json, start);
        // Tokens, ids and names need no unescaping; a value that has escapes is returned raw.
        return end < 0 ? Optional.empty() : Optional.of(json.substring(start + 1, end));
    }

    private static int skipWhitespace(String json, int from) {
        int i = from;
        while (i < json.length() && Character.isWhitespace(json.charAt(i))) {
            i++;
        }
        return i;
    }
}
