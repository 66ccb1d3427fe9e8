package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stripe made the change: {@code snapshot} is the subscription as Stripe answered. */
public record CompleteSubscriptionChangeCommand(@TargetAggregateIdentifier String subscriptionId,
                                                String organizationId,
                                                String changeId,
                                                SubscriptionChange change,
                                                StripeSubscriptionSnapshot snapshot) implements TenantMessage {
}
