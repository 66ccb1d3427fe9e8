package dev.tenantry.command.testsupport;

import dev.tenantry.api.billing.Plan;
import dev.tenantry.command.billing.Plans;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The default catalogue: free (5 seats, 3 workspaces), pro (20, 25), enterprise (unlimited). */
public final class FixedPlans implements Plans {

    public static final Plan FREE = new Plan("free", "Free", 0, "usd", null, 5, 3, List.of("members"));
    public static final Plan PRO = new Plan("pro", "Pro", 2900, "usd", "price_pro", 20, 25, List.of("members"));
    public static final Plan ENTERPRISE = new Plan("enterprise", "Enterprise", 9900, "usd", "price_ent", null, null,
            List.of("members"));
    private static final Map<String, Plan> BY_KEY = Map.of("free", FREE, "pro", PRO, "enterprise", ENTERPRISE);

    @Override
    public Plan defaultPlan() {
        return FREE;
    }

    @Override
    public Optional<Plan> find(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    @Override
    public Optional<Plan> findByStripePrice(String priceId) {
        return BY_KEY.values().stream().filter(plan -> priceId != null && priceId.equals(plan.stripePriceId()))
                .findFirst();
    }
}
