package dev.tenantry.infra.live;

/** A subscription query for one organization's changes; its initial answer is the audit stream's head sequence. */
record WatchTenantQuery(String tenantId) {
}
