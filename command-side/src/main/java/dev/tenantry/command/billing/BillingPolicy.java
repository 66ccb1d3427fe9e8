package dev.tenantry.command.billing;

import java.time.Duration;

/** Billing rules that are configuration. */
public interface BillingPolicy {

    /** How long a subscription may stay unpaid after a failed payment before the free plan's limits apply. */
    Duration gracePeriod();
}
