package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** Stripe made the change; the events before this one in the same unit of work recorded what it changed. */
@Revision("1")
public record SubscriptionChangeCompletedEvent(String subscriptionId,
                                               String organizationId,
                                               String changeId,
                                               SubscriptionChange change) implements TenantMessage {
}
