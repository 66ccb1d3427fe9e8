package dev.tenantry.infra.axon;

import dev.tenantry.api.MessageMetaData;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;

import java.util.HashMap;
import java.util.Map;

/**
 * Copies who and which tenant from the message being handled onto everything it causes (events, commands sent by
 * sagas), and chains correlation ids: {@code correlationId} stays the id of the request that started it all,
 * {@code causationId} is the id of the message that directly caused this one.
 */
public class TenantryCorrelationDataProvider implements CorrelationDataProvider {

    public static final String TENANT_ID = MessageMetaData.TENANT_ID;
    public static final String ACTOR_ID = MessageMetaData.ACTOR_ID;
    public static final String CORRELATION_ID = MessageMetaData.CORRELATION_ID;
    public static final String CAUSATION_ID = MessageMetaData.CAUSATION_ID;

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        copy(message, TENANT_ID, data);
        copy(message, ACTOR_ID, data);
        Object correlationId = message.getMetaData().get(CORRELATION_ID);
        data.put(CORRELATION_ID, correlationId != null ? correlationId : message.getIdentifier());
        data.put(CAUSATION_ID, message.getIdentifier());
        return data;
    }

    /** The tenant an event belongs to, or {@code null} for one of no tenant's (a sign-up). */
    public static String tenantOf(EventMessage<?> message) {
        return MessageMetaData.tenantOf(message.getMetaData(), message.getPayload());
    }

    private static void copy(Message<?> message, String key, Map<String, Object> data) {
        Object value = message.getMetaData().get(key);
        if (value != null) {
            data.put(key, value);
        }
    }
}
