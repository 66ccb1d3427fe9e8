package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Stripe did not make the change.
 *
 * @param unavailable Stripe could not be reached (trying again later may work), rather than refused
 */
public record FailSubscriptionChangeCommand(@TargetAggregateIdentifier String subscriptionId,
                                            String organizationId,
                                            String changeId,
                                            SubscriptionChange change,
                                            String reason,
                                            boolean unavailable) implements TenantMessage {
}
