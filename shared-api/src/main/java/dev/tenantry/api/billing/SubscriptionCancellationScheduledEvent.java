package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** cancelAtPeriodEnd true: it ends with the period; false: resumed. */
@Revision("1")
public record SubscriptionCancellationScheduledEvent(String subscriptionId,
                                                     String organizationId,
                                                     String stripeEventId,
                                                     boolean cancelAtPeriodEnd,
                                                     Instant observedAt) implements TenantMessage {
}
