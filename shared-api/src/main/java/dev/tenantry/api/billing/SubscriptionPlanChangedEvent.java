package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

@Revision("2")
public record SubscriptionPlanChangedEvent(String subscriptionId,
                                           String organizationId,
                                           String stripeEventId,
                                           String previousPlan,
                                           String plan,
                                           Instant observedAt) implements TenantMessage {
}
