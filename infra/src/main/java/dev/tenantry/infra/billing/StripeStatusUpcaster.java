package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.api.billing.StripeEventReceivedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * Revision 1 of {@link StripeEventReceivedEvent} held Stripe's own status name in its snapshot
 * ({@code payloadSnapshot.stripeStatus}); revision 2 holds ours ({@code payloadSnapshot.status}), translated the
 * way {@link StripeTranslation} translates a new event's.
 */
@Component
class StripeStatusUpcaster extends SingleEventUpcaster {

    private static final SimpleSerializedType OLD =
            new SimpleSerializedType(StripeEventReceivedEvent.class.getName(), "1");
    private static final SimpleSerializedType NEW =
            new SimpleSerializedType(StripeEventReceivedEvent.class.getName(), "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation representation) {
        return OLD.equals(representation.getType());
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation representation) {
        return representation.upcastPayload(NEW, JsonNode.class, payload -> {
            ObjectNode event = ((ObjectNode) payload).deepCopy();
            JsonNode snapshot = event.get("payloadSnapshot");
            if (snapshot instanceof ObjectNode object) {
                JsonNode stripeStatus = object.remove("stripeStatus");
                object.put("status", StripeTranslation.status(stripeStatus == null || !stripeStatus.isTextual()
                        ? null : stripeStatus.asText()).name());
            }
            return event;
        });
    }
}
