package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The OWNER moves the paid subscription to another paid plan; the subscription-change saga asks Stripe.
 *
 * @param idempotencyKey the key of the Stripe call: the same request sent again does the thing once at Stripe
 */
public record ChangePlanCommand(@TargetAggregateIdentifier String subscriptionId,
                                String organizationId,
                                String changeId,
                                String plan,
                                String idempotencyKey,
                                String actorId) implements TenantMessage {
}
