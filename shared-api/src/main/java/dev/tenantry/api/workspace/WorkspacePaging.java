package dev.tenantry.api.workspace;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.PageCursor;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** The page size and cursor rules the workspace lists share, whichever entry point asks. */
final class WorkspacePaging {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 100;

    private WorkspacePaging() {
    }

    static int limitOrDefault(Integer limit) {
        return limit == null ? DEFAULT_LIMIT : limit;
    }

    static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("invalid-limit", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
    }

    /** A cursor of two parts that pass {@code valid}, or {@code null} for the first page. */
    static void requireCursor(String cursor, Predicate<List<String>> valid) {
        if (cursor == null) {
            return;
        }
        Optional<List<String>> parts = PageCursor.decode(cursor, 2).filter(valid);
        if (parts.isEmpty()) {
            throw DomainException.invalid("invalid-cursor", "cursor", "cursor must be a nextCursor of this list");
        }
    }
}
