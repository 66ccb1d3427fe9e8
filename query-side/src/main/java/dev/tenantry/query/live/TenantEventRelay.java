package dev.tenantry.query.live;

import dev.tenantry.api.MessageMetaData;
import dev.tenantry.api.live.TenantChanged;
import dev.tenantry.api.live.WatchTenantQuery;
import dev.tenantry.query.audit.AuditStream;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.stereotype.Component;

/**
 * Turns each tenant event into an update of that tenant's {@link WatchTenantQuery} subscriptions on this node. It
 * runs in its own processor on every node (infra registers it with an in-memory token starting at the head): a
 * command handled on another node reaches this node's clients through the shared event store, not through that
 * node's memory.
 */
@Component
@ProcessingGroup(TenantEventRelay.PROCESSING_GROUP)
public class TenantEventRelay {

    public static final String PROCESSING_GROUP = "live-updates";

    private final QueryUpdateEmitter emitter;
    private final AuditStream audit;

    TenantEventRelay(QueryUpdateEmitter emitter, AuditStream audit) {
        this.emitter = emitter;
        this.audit = audit;
    }

    @EventHandler
    void on(Object payload, EventMessage<?> message, TrackingToken token) {
        String tenantId = MessageMetaData.tenantOf(message.getMetaData(), payload);
        if (tenantId == null || token.position().isEmpty()) {
            return;
        }
        TenantChanged change = new TenantChanged(tenantId, token.position().getAsLong());
        emitter.emit(WatchTenantQuery.class, query -> query.tenantId().equals(tenantId), change);
    }

    /** The audit stream's head: a client's Last-Event-ID is an audit sequence. */
    @QueryHandler
    Long handle(WatchTenantQuery query) {
        return audit.head(query.tenantId()).map(head -> ((Number) head.get("sequence")).longValue()).orElse(0L);
    }
}
