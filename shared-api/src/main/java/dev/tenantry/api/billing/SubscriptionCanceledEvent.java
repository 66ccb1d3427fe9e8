package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The paid subscription ended; the organization is back on the free plan. */
@Revision("2")
public record SubscriptionCanceledEvent(String subscriptionId,
                                        String organizationId,
                                        String stripeEventId,
                                        String freePlan,
                                        Instant observedAt) implements TenantMessage {
}
