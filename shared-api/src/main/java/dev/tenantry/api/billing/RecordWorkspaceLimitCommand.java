package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An organization from before workspaces has no workspace limit on record: the subscription records the one its
 * current state allows. Sent by the upgrade backfill, on nobody's behalf; a subscription that has recorded one
 * already records nothing.
 */
public record RecordWorkspaceLimitCommand(@TargetAggregateIdentifier String subscriptionId,
                                          String organizationId) implements TenantMessage {
}
