package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.infra.web.OrganizationApiQuota;
import dev.tenantry.infra.web.Quota;
import dev.tenantry.infra.web.RateLimitProperties;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An organization's API quota: its plan's {@code api-rate-limit} per minute, or {@code tenantry.rate-limits
 * .organization-api} when the plan sets none. A plan past its grace period unpaid counts as the default plan, as for
 * seats and features. Looked up at most every few seconds per organization: a changed plan applies that much later.
 */
@Component
class PlanApiQuota implements OrganizationApiQuota {

    private static final Duration REMEMBERED = Duration.ofSeconds(10);
    private static final int MOST_REMEMBERED = 10_000;

    private final QueryGateway queries;
    private final PlanCatalog plans;
    private final RateLimitProperties properties;
    private final Map<String, Remembered> quotas = new ConcurrentHashMap<>();

    private record Remembered(Quota quota, long until) {
    }

    PlanApiQuota(QueryGateway queries, PlanCatalog plans, RateLimitProperties properties) {
        this.queries = queries;
        this.plans = plans;
        this.properties = properties;
    }

    @Override
    public Quota of(String organizationId) {
        long now = System.nanoTime();
        Remembered remembered = quotas.get(organizationId);
        if (remembered != null && now - remembered.until() < 0) {
            return remembered.quota();
        }
        if (quotas.size() >= MOST_REMEMBERED) {
            quotas.values().removeIf(entry -> now - entry.until() >= 0);
        }
        Quota quota = lookUp(organizationId);
        quotas.put(organizationId, new Remembered(quota, now + REMEMBERED.toNanos()));
        return quota;
    }

    private Quota lookUp(String organizationId) {
        Optional<SubscriptionView> subscription = queries.query(new FindSubscriptionQuery(organizationId),
                ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join();
        String planKey = subscription.filter(view -> !view.fellBackToFree()).map(SubscriptionView::plan)
                .orElse(plans.defaultPlan().key());
        return plans.apiRateLimit(planKey).map(perMinute -> new Quota(perMinute, Duration.ofMinutes(1)))
                .orElse(properties.organizationApi());
    }
}
