package dev.tenantry.infra.live;

/** An update of {@link WatchTenantQuery}: an event of this tenant at this position of the event store. */
record TenantChanged(String tenantId, long globalIndex) {
}
