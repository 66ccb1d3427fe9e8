package dev.tenantry.api.live;

/** An update of {@link WatchTenantQuery}: an event of this tenant at this position of the event store. */
public record TenantChanged(String tenantId, long globalIndex) {
}
