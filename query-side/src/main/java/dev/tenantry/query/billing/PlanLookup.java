package dev.tenantry.query.billing;

import dev.tenantry.api.billing.Plan;

import java.util.Optional;

/** The configured plans, as the read side names them and derives what they grant; configuration lives outside. */
public interface PlanLookup {

    Optional<Plan> find(String key);

    /** The plan of an organization without a subscription yet, and the one that applies after a fallback. */
    Plan defaultPlan();
}
