package dev.tenantry.api;

import java.util.Map;

/**
 * The metadata entries of commands and events, by name: part of the published language, since whoever reads stored
 * messages (the audit stream, an export) reads who acted, for which tenant, and which request and message led to it.
 */
public final class MessageMetaData {

    public static final String TENANT_ID = "tenantId";
    public static final String ACTOR_ID = "actorId";
    /** The id of the request that started it all. */
    public static final String CORRELATION_ID = "correlationId";
    /** The id of the message that directly caused this one. */
    public static final String CAUSATION_ID = "causationId";

    private MessageMetaData() {
    }

    /**
     * The tenant a message belongs to: its {@link #TENANT_ID} entry, else its payload's organization; {@code null}
     * for a message of no tenant's (a sign-up).
     */
    public static String tenantOf(Map<String, ?> metaData, Object payload) {
        Object tenant = metaData.get(TENANT_ID);
        if (tenant != null) {
            return tenant.toString();
        }
        return payload instanceof TenantMessage tenantMessage ? tenantMessage.organizationId() : null;
    }
}
