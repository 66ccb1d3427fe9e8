package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Brings the subscription to what Stripe says; a snapshot older than the last one applied changes nothing. stripeEventId is null for a reconciliation run. */
public record ApplyStripeSubscriptionCommand(@TargetAggregateIdentifier String subscriptionId,
                                             String organizationId,
                                             String stripeEventId,
                                             StripeSubscriptionSnapshot snapshot) implements TenantMessage {
}
