package dev.tenantry.query.feature;

import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.organization.FeatureOverrideView;
import dev.tenantry.api.organization.FindFeatureOverridesQuery;
import dev.tenantry.query.billing.PlanLookup;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An organization's effective features, from two read models and the configuration: the plan in effect (the
 * subscriptions read model's plan, or the free plan while it has fallen back after an unpaid grace period) grants
 * its configured features; an override turns one on or off whatever the plan says.
 */
@Component
public class EffectiveFeatures {

    public static final String SOURCE_PLAN = "plan";
    public static final String SOURCE_OVERRIDE = "override";

    private final QueryGateway queries;
    private final PlanLookup plans;

    EffectiveFeatures(QueryGateway queries, PlanLookup plans) {
        this.queries = queries;
        this.plans = plans;
    }

    /**
     * @param plan           key of the plan in effect
     * @param fellBackToFree the paid plan stays unpaid past its grace period, so the free plan's features apply
     * @param features       the keys that are on, sorted
     * @param flags          every key the plan grants or an override names, sorted by key
     */
    public record FeatureSet(String organizationId, String plan, boolean fellBackToFree, List<String> features,
                      List<Flag> flags) {
    }

    /**
     * @param enabled       whether the feature is on for the organization
     * @param source        {@code override} when a platform admin decided it, else {@code plan}
     * @param grantedByPlan whether the plan in effect grants it: what applies once an override is removed
     * @param overriddenAt  when the override was set; absent for {@code plan}
     */
    public record Flag(String key, boolean enabled, String source, boolean grantedByPlan, Instant overriddenAt) {
    }

    public FeatureSet of(String organizationId) {
        Optional<SubscriptionView> subscription = queries.query(new FindSubscriptionQuery(organizationId),
                ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join();
        boolean fellBack = subscription.map(SubscriptionView::fellBackToFree).orElse(false);
        // No subscription row yet means the organization is brand new: it starts on the default plan.
        String planKey = fellBack ? plans.defaultPlan().key()
                : subscription.map(SubscriptionView::plan).orElse(plans.defaultPlan().key());
        // A plan removed from the configuration grants nothing rather than failing the tenant's requests.
        Set<String> granted = new TreeSet<>(plans.find(planKey).map(Plan::features).orElse(List.of()));
        Map<String, FeatureOverrideView> overrides = queries.query(new FindFeatureOverridesQuery(organizationId),
                        ResponseTypes.multipleInstancesOf(FeatureOverrideView.class)).join().stream()
                .collect(Collectors.toMap(FeatureOverrideView::feature, Function.identity()));
        Set<String> keys = new TreeSet<>(granted);
        keys.addAll(overrides.keySet());
        List<Flag> flags = keys.stream().map(key -> {
            FeatureOverrideView override = overrides.get(key);
            return override == null ? new Flag(key, true, SOURCE_PLAN, true, null)
                    : new Flag(key, override.enabled(), SOURCE_OVERRIDE, granted.contains(key),
                    override.overriddenAt());
        }).toList();
        return new FeatureSet(organizationId, planKey, fellBack,
                flags.stream().filter(Flag::enabled).map(Flag::key).toList(), flags);
    }
}
