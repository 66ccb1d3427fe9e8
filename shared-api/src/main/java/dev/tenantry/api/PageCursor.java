package dev.tenantry.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * An opaque keyset cursor: the sort key of a page's last item, so that the next page starts after it whatever was
 * added or removed meanwhile. Clients pass it back unchanged; its content is ours to change.
 */
public final class PageCursor {

    private static final String SEPARATOR = "\n";
    private static final int MAX_LENGTH = 2048;

    private PageCursor() {
    }

    public static String encode(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join(SEPARATOR, parts).getBytes(StandardCharsets.UTF_8));
    }

    /** The parts of a cursor this class made with {@code parts} parts; empty for anything else. */
    public static Optional<List<String>> decode(String cursor, int parts) {
        if (cursor == null || cursor.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        try {
            List<String> decoded = List.of(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
                    .split(SEPARATOR, -1));
            return decoded.size() == parts ? Optional.of(decoded) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
