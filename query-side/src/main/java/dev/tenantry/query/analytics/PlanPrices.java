package dev.tenantry.query.analytics;

import dev.tenantry.api.billing.Plan;

import java.util.List;

/**
 * The configured plans, as analytics prices them. Read models store plan keys only and prices are applied when
 * figures are asked for, so a replay reproduces every figure and a price change shows everywhere at once.
 */
public interface PlanPrices {

    List<Plan> all();

    Plan defaultPlan();
}
