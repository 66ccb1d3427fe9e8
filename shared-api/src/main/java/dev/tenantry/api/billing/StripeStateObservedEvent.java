package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Stripe stated the paid subscription's state as of {@code observedAt}, and nothing else this statement changed
 * records that time (it changed nothing, or only moved the subscription past due): anything Stripe stated earlier
 * is stale from now on, however late it arrives.
 */
@Revision("1")
public record StripeStateObservedEvent(String subscriptionId,
                                       String organizationId,
                                       String stripeEventId,
                                       Instant observedAt) implements TenantMessage {
}
