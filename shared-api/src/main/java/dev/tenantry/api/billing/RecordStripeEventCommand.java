package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A Stripe event about the organization's Stripe subscription arrived (a subscription event, or a completed
 * checkout). Reconciliation then brings the subscription to Stripe's current state.
 *
 * @param type            Stripe's event type, e.g. {@code customer.subscription.updated}
 * @param payloadSnapshot the subscription as the event's payload shows it (observed at the event's
 *                        {@code created}), or {@code null} when the payload does not include it
 */
public record RecordStripeEventCommand(@TargetAggregateIdentifier String subscriptionId,
                                       String organizationId,
                                       String stripeEventId,
                                       String type,
                                       String stripeSubscriptionId,
                                       StripeSubscriptionSnapshot payloadSnapshot) implements TenantMessage {
}
