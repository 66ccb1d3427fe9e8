package dev.tenantry.command.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.EventMultiUpcaster;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.springframework.stereotype.Component;

import java.util.Set;
import java.util.stream.Stream;

/**
 * Revision 1 of the five billing events that change the effective seat limit carried that limit ({@code seatLimit},
 * absent when unlimited); from revision 2 the subscription emits a {@link SeatLimitChangedEvent} after each instead,
 * and the seat lookup and read models follow that event alone. A stored revision-1 event is read as its revision 2
 * followed by the SeatLimitChangedEvent it implied, so that replaying an old stream sets the same limits.
 * <p>
 * (The audit stream keeps the stored JSON, not the upcast form: its readers know both revisions.)
 */
@Component
class SeatLimitUpcaster extends EventMultiUpcaster {

    static final Set<String> CARRIED_SEAT_LIMIT = Set.of(SubscriptionActivatedEvent.class.getName(),
            SubscriptionPlanChangedEvent.class.getName(), SubscriptionCanceledEvent.class.getName(),
            GracePeriodExpiredEvent.class.getName(), PaidPlanRestoredEvent.class.getName());
    private static final String OLD = "1";
    private static final String NEW = "2";
    private static final SimpleSerializedType SEAT_LIMIT_CHANGED =
            new SimpleSerializedType(SeatLimitChangedEvent.class.getName(), "1");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return CARRIED_SEAT_LIMIT.contains(representation.getType().getName())
                && OLD.equals(representation.getType().getRevision());
    }

    @Override
    protected Stream<IntermediateEventRepresentation> doUpcast(IntermediateEventRepresentation representation) {
        IntermediateEventRepresentation billingEvent = representation.upcastPayload(
                new SimpleSerializedType(representation.getType().getName(), NEW), JsonNode.class, payload -> {
                    ObjectNode copy = ((ObjectNode) payload).deepCopy();
                    copy.remove("seatLimit");
                    return copy;
                });
        IntermediateEventRepresentation seatLimitChanged = representation.upcastPayload(SEAT_LIMIT_CHANGED,
                JsonNode.class, payload -> {
                    ObjectNode event = JsonNodeFactory.instance.objectNode();
                    event.set("organizationId", payload.get("organizationId"));
                    JsonNode seatLimit = payload.get("seatLimit");
                    if (seatLimit != null && !seatLimit.isNull()) {
                        event.set("seatLimit", seatLimit);
                    }
                    return event;
                });
        return Stream.of(billingEvent, seatLimitChanged);
    }
}
