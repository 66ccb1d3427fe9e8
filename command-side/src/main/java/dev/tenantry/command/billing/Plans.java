package dev.tenantry.command.billing;

import dev.tenantry.api.billing.Plan;

import java.util.Optional;

/** The configured plans, as the write model needs them. */
public interface Plans {

    Plan defaultPlan();

    Optional<Plan> find(String key);

    /** The plan whose Stripe price this is; empty for a price no plan names. */
    Optional<Plan> findByStripePrice(String priceId);
}
