package dev.tenantry.infra.live;

import dev.tenantry.infra.axon.TenantryCorrelationDataProvider;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Turns each tenant event into an update of that tenant's {@link WatchTenantQuery} subscriptions on this node. It
 * runs in its own processor on every node (see {@link LiveUpdatesConfiguration}): a command handled on another
 * node reaches this node's clients through the shared event store, not through that node's memory.
 */
@Component
@ProcessingGroup(LiveUpdatesConfiguration.PROCESSING_GROUP)
class TenantEventRelay {

    private final QueryUpdateEmitter emitter;
    private final JdbcTemplate jdbc;

    TenantEventRelay(QueryUpdateEmitter emitter, JdbcTemplate jdbc) {
        this.emitter = emitter;
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        String tenantId = TenantryCorrelationDataProvider.tenantOf(message);
        if (tenantId == null || token.position().isEmpty()) {
            return;
        }
        TenantChanged change = new TenantChanged(tenantId, token.position().getAsLong());
        emitter.emit(WatchTenantQuery.class, query -> query.tenantId().equals(tenantId), change);
    }

    @QueryHandler
    Long handle(WatchTenantQuery query) {
        return jdbc.queryForList("select sequence from audit_head where tenant_id = ?", Long.class, query.tenantId())
                .stream().findFirst().orElse(0L);
    }
}
