package dev.tenantry.api.billing;

import dev.tenantry.api.TenantMessage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordTrialWillEndCommand(@TargetAggregateIdentifier String subscriptionId,
                                        String organizationId,
                                        String stripeEventId,
                                        Instant trialEnd) implements TenantMessage {
}
