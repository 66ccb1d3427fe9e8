package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.infra.web.Quota;
import dev.tenantry.infra.web.RateLimitProperties;
import org.axonframework.queryhandling.DefaultQueryGateway;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.queryhandling.annotation.AnnotationQueryHandlerAdapter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** An organization's API quota comes from its plan, on an in-memory query bus answering with its subscription. */
class PlanApiQuotaTest {

    private static final Quota BASE = Quota.parse("1200/1m");

    private final Map<String, SubscriptionView> subscriptions = new HashMap<>();
    private final PlanApiQuota quotas;

    PlanApiQuotaTest() {
        SimpleQueryBus bus = SimpleQueryBus.builder().build();
        new AnnotationQueryHandlerAdapter<>(new Object() {
            @QueryHandler
            Optional<SubscriptionView> find(FindSubscriptionQuery query) {
                return Optional.ofNullable(subscriptions.get(query.organizationId()));
            }
        }).subscribe(bus);
        Map<String, BillingProperties.PlanProperties> plans = Map.of(
                "free", new BillingProperties.PlanProperties("Free", 0, "usd", null, 5, 3, List.of(), null),
                "pro", new BillingProperties.PlanProperties("Pro", 2900, "usd", "price_pro", 20, 25, List.of(), 6000));
        quotas = new PlanApiQuota(DefaultQueryGateway.builder().queryBus(bus).build(),
                new PlanCatalog(new BillingProperties("free", Duration.ofDays(7), plans)), properties());
    }

    @Test
    void aPlanWithAnApiRateLimitGivesItsOrganizationsThatManyRequestsAMinute() {
        subscriptions.put("paying", subscription("paying", "pro", false));

        assertThat(quotas.of("paying")).isEqualTo(new Quota(6000, Duration.ofMinutes(1)));
    }

    @Test
    void aPlanWithoutOneAndABrandNewOrganizationGetTheBaseQuota() {
        subscriptions.put("free", subscription("free", "free", false));

        assertThat(quotas.of("free")).isEqualTo(BASE);
        assertThat(quotas.of("brand-new")).isEqualTo(BASE);
    }

    @Test
    void aPaidPlanUnpaidPastItsGracePeriodGetsTheDefaultPlansQuota() {
        subscriptions.put("unpaid", subscription("unpaid", "pro", true));

        assertThat(quotas.of("unpaid")).isEqualTo(BASE);
    }

    private static SubscriptionView subscription(String organizationId, String plan, boolean fellBackToFree) {
        Instant now = Instant.parse("2026-01-01T00:00:00Z");
        return new SubscriptionView(organizationId, plan, SubscriptionStatus.values()[0], null, null, null, false,
                null, fellBackToFree, null, now, now);
    }

    private static RateLimitProperties properties() {
        Quota any = Quota.parse("10/1m");
        return new RateLimitProperties(true, any, any, any, any, any, any, any, any, any, BASE, any, any, any,
                new RateLimitProperties.FailedLogins(5, Duration.ofMinutes(15), Duration.ofMinutes(1),
                        Duration.ofHours(1)));
    }
}
