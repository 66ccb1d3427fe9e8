package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** A payment after the grace period gave the paid plan back. */
@Revision("2")
public record PaidPlanRestoredEvent(String subscriptionId,
                                    String organizationId,
                                    String stripeEventId,
                                    String plan) implements TenantMessage {
}
