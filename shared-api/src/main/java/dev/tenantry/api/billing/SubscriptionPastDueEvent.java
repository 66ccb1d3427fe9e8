package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A payment failed: the plan stays until the grace period ends. */
@Revision("1")
public record SubscriptionPastDueEvent(String subscriptionId,
                                       String organizationId,
                                       String stripeEventId,
                                       Instant graceEndsAt) implements TenantMessage {
}
