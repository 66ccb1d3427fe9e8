package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The OWNER takes back a cancellation at period end; the subscription-change saga asks Stripe.
 *
 * @param idempotencyKey the key of the Stripe call: the same request sent again does the thing once at Stripe
 */
public record ResumeSubscriptionCommand(@TargetAggregateIdentifier String subscriptionId,
                                        String organizationId,
                                        String changeId,
                                        String idempotencyKey,
                                        String actorId) implements TenantMessage {
}
