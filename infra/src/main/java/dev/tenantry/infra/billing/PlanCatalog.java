package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.organization.FeatureKeys;
import dev.tenantry.command.billing.BillingPolicy;
import dev.tenantry.command.billing.Plans;
import dev.tenantry.query.analytics.PlanPrices;
import dev.tenantry.query.billing.PlanLookup;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured plans, checked once at startup so that a bad configuration stops the app, not a checkout. */
@Component
public class PlanCatalog implements Plans, BillingPolicy, PlanPrices, PlanLookup {

    private final Map<String, Plan> plans = new LinkedHashMap<>();
    /** API requests per minute per organization, for the plans that set one (an infra concern, not the domain's). */
    private final Map<String, Integer> apiRateLimits = new LinkedHashMap<>();
    private final Plan defaultPlan;
    private final Duration gracePeriod;

    PlanCatalog(BillingProperties properties) {
        if (properties.plans() == null || properties.plans().isEmpty()) {
            throw new IllegalStateException("tenantry.billing.plans must define at least one plan");
        }
        properties.plans().forEach((key, plan) -> {
            if (plan.seatLimit() != null && plan.seatLimit() < 1) {
                throw new IllegalStateException("tenantry.billing.plans." + key + ".seat-limit must be at least 1");
            }
            // Every organization has its default workspace: a limit below 1 could never be met.
            if (plan.workspaceLimit() != null && plan.workspaceLimit() < 1) {
                throw new IllegalStateException("tenantry.billing.plans." + key + ".workspace-limit must be at least 1");
            }
            // A key the override endpoint refuses could never be switched off for one organization.
            (plan.features() == null ? List.<String>of() : plan.features()).stream().filter(feature -> !FeatureKeys.isValid(feature)).findFirst()
                    .ifPresent(feature -> {
                        throw new IllegalStateException("tenantry.billing.plans." + key + ".features: '" + feature
                                + "' is not a feature key (" + FeatureKeys.FORMAT + ")");
                    });
            if (plan.apiRateLimit() != null) {
                if (plan.apiRateLimit() < 1) {
                    throw new IllegalStateException("tenantry.billing.plans." + key + ".api-rate-limit must be at least 1");
                }
                apiRateLimits.put(key, plan.apiRateLimit());
            }
            if (plan.monthlyPrice() < 0) {
                throw new IllegalStateException("tenantry.billing.plans." + key + ".monthly-price must not be negative");
            }
            plans.put(key, new Plan(key, plan.name() != null ? plan.name() : key, plan.monthlyPrice(),
                    plan.currency().toLowerCase(), plan.stripePriceId(), plan.seatLimit(),
                    plan.workspaceLimit(), plan.features()));
        });
        gracePeriod = properties.gracePeriod();
        defaultPlan = plans.get(properties.defaultPlan());
        if (defaultPlan == null) {
            throw new IllegalStateException("tenantry.billing.default-plan '" + properties.defaultPlan()
                    + "' is not one of tenantry.billing.plans " + plans.keySet());
        }
    }

    /** Cheapest first. */
    @Override
    public List<Plan> all() {
        return plans.values().stream().sorted(Comparator.comparingLong(Plan::monthlyPriceCents)).toList();
    }

    @Override
    public Optional<Plan> find(String key) {
        return Optional.ofNullable(plans.get(key));
    }

    @Override
    public Optional<Plan> findByStripePrice(String priceId) {
        return priceId == null ? Optional.empty()
                : plans.values().stream().filter(plan -> priceId.equals(plan.stripePriceId())).findFirst();
    }

    /** The plan's API requests per minute per organization, if it sets them. */
    public Optional<Integer> apiRateLimit(String planKey) {
        return Optional.ofNullable(apiRateLimits.get(planKey));
    }

    @Override
    public Plan defaultPlan() {
        return defaultPlan;
    }

    @Override
    public Duration gracePeriod() {
        return gracePeriod;
    }
}
