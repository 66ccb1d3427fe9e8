package dev.tenantry.api.live;

/** A subscription query for one organization's changes; its initial answer is the audit stream's head sequence. */
public record WatchTenantQuery(String tenantId) {
}
