package dev.tenantry.query.audit;

import dev.tenantry.api.DomainException;

import java.util.List;

/**
 * A page of a tenant's audit stream as a client asks it: at most {@code limit} entries after the sequence
 * {@code after} that pass the filter.
 *
 * @param after  0 for the first page, else a page's {@link AuditPage#nextAfter()}
 * @param limit  1 to {@value #MAX_LIMIT}
 */
public record AuditPageRequest(long after, int limit, AuditStream.Filter filter) {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    public AuditPageRequest {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw DomainException.invalid("invalid-limit", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        if (after < 0) {
            throw DomainException.invalid("invalid-cursor", "after", "after must not be negative");
        }
    }

    /** The page these entries make: a full one may have a next, so it says where that starts. */
    AuditPage pageOf(List<AuditEntry> items) {
        return new AuditPage(items, items.size() == limit ? items.get(items.size() - 1).sequence() : null);
    }
}
