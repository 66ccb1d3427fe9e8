package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The OWNER ends the paid subscription with its current period; the subscription-change saga asks Stripe.
 *
 * @param idempotencyKey the key of the Stripe call: the same request sent again does the thing once at Stripe
 */
public record CancelAtPeriodEndCommand(@TargetAggregateIdentifier String subscriptionId,
                                       String organizationId,
                                       String changeId,
                                       String idempotencyKey,
                                       String actorId) implements TenantMessage {
}
