package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("1")
public record SubscriptionPlanChangedEvent(String subscriptionId,
                                           String organizationId,
                                           String stripeEventId,
                                           String previousPlan,
                                           String plan,
                                           Integer seatLimit,
                                           Instant observedAt) implements TenantMessage {
}
