package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A change of status that no more specific event names (past due, unpaid, trialing to active …). */
@Revision("1")
public record SubscriptionStatusChangedEvent(String subscriptionId,
                                             String organizationId,
                                             String stripeEventId,
                                             SubscriptionStatus previousStatus,
                                             SubscriptionStatus status,
                                             Instant observedAt) implements TenantMessage {
}
