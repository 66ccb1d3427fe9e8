package dev.tenantry.query.audit;

import java.util.List;

/** @param nextAfter the {@code after} of the next page; {@code null} when this page is the last */
public record AuditPage(List<AuditEntry> items, Long nextAfter) {
}
