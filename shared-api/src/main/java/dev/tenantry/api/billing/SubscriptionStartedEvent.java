package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** Every organization has a subscription from its creation, on the default (free) plan. */
@Revision("1")
public record SubscriptionStartedEvent(String subscriptionId,
                                       String organizationId,
                                       String plan,
                                       SubscriptionStatus status) implements TenantMessage {
}
