package dev.tenantry.infra.axon;

import dev.tenantry.api.TenantMessage;
import dev.tenantry.infra.web.CorrelationIdFilter;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.MetaData;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends a command on behalf of a signed-in user: the metadata carries the actor and the tenant, which the
 * correlation data provider then copies onto every event the command causes. A command that lost a race on its
 * aggregate is sent again ({@link ConflictRetry}). Returns once the projections have caught up, so that the caller
 * can read its own write.
 */
@Component
public class CommandSender {

    private final CommandGateway commandGateway;
    private final ProjectionCatchUp catchUp;
    private final ConflictRetry conflictRetry = new ConflictRetry(3, Duration.ofMillis(10));

    CommandSender(CommandGateway commandGateway, ProjectionCatchUp catchUp) {
        this.commandGateway = commandGateway;
        this.catchUp = catchUp;
    }

    /** @param actorId the signed-in user, or {@code null} for an anonymous action (declining by link) */
    public <R> R send(Object command, String actorId) {
        return catchUp.afterwards(() -> conflictRetry.call(
                () -> commandGateway.sendAndWait(command, metaData(command, actorId))));
    }

    static MetaData metaData(Object command, String actorId) {
        Map<String, Object> entries = new HashMap<>();
        if (actorId != null) {
            entries.put(TenantryCorrelationDataProvider.ACTOR_ID, actorId);
        }
        CorrelationIdFilter.current()
                .ifPresent(id -> entries.put(TenantryCorrelationDataProvider.CORRELATION_ID, id));
        if (command instanceof TenantMessage tenantMessage) {
            entries.put(TenantryCorrelationDataProvider.TENANT_ID, tenantMessage.organizationId());
        }
        return MetaData.from(entries);
    }
}
