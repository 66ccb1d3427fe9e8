/** Live updates: every tenant event becomes an update of that tenant's {@code WatchTenantQuery} subscriptions. */
package dev.tenantry.query.live;
