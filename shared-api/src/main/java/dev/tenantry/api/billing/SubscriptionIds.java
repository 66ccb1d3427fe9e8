package dev.tenantry.api.billing;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** One Subscription aggregate per organization, its id derived from the organization's. */
public final class SubscriptionIds {

    private SubscriptionIds() {
    }

    public static String of(String organizationId) {
        return UUID.nameUUIDFromBytes(("subscription:" + organizationId).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
