package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The OWNER opens Stripe's billing portal (payment methods, invoices). Records nothing; answers the portal
 * session's URL, which returns to {@code returnUrl}.
 */
public record OpenBillingPortalCommand(@TargetAggregateIdentifier String subscriptionId,
                                       String organizationId,
                                       String returnUrl,
                                       String actorId) implements TenantMessage {
}
