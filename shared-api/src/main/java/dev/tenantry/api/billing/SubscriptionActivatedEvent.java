package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A paid subscription started (ACTIVE or TRIALING). */
@Revision("2")
public record SubscriptionActivatedEvent(String subscriptionId,
                                         String organizationId,
                                         String stripeEventId,
                                         String plan,
                                         SubscriptionStatus status,
                                         String stripeSubscriptionId,
                                         String stripeCustomerId,
                                         Instant currentPeriodEnd,
                                         Instant observedAt) implements TenantMessage {
}
