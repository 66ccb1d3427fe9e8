package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/** Still unpaid at the end of the grace period: the free plan's limits apply until a payment succeeds. */
@Revision("2")
public record GracePeriodExpiredEvent(String subscriptionId,
                                      String organizationId,
                                      String paidPlan,
                                      String fallbackPlan) implements TenantMessage {
}
