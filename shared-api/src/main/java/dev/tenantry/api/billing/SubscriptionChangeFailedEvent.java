package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.serialization.Revision;

/**
 * Stripe did not make the change; nothing changed.
 *
 * @param reason      in our words (Stripe's own message names its objects and our account, and goes to the log)
 * @param unavailable Stripe could not be reached after the saga's attempts, rather than refused
 */
@Revision("1")
public record SubscriptionChangeFailedEvent(String subscriptionId,
                                            String organizationId,
                                            String changeId,
                                            SubscriptionChange change,
                                            String reason,
                                            boolean unavailable) implements TenantMessage {
}
