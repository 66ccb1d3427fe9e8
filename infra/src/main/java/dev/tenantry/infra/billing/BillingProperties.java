package dev.tenantry.infra.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code tenantry.billing.*}. The default plans (free, pro, enterprise) are in application.yml, so that a
 * deployment can change their prices, Stripe price ids, limits and features, or add plans, without code.
 *
 * @param defaultPlan the plan every new organization starts on
 * @param gracePeriod how long a subscription stays past due before the organization falls back to the free plan
 */
@ConfigurationProperties("tenantry.billing")
public record BillingProperties(@DefaultValue("free") String defaultPlan,
                                @DefaultValue("7d") Duration gracePeriod,
                                Map<String, PlanProperties> plans) {

    /**
     * @param monthlyPrice price per month in cents
     * @param seatLimit    absent for unlimited
     * @param workspaceLimit active workspaces allowed; absent for unlimited
     * @param apiRateLimit API requests per minute of an organization on the plan; absent for
     *                     {@code tenantry.rate-limits.organization-api}
     */
    public record PlanProperties(String name,
                                 @DefaultValue("0") long monthlyPrice,
                                 @DefaultValue("usd") String currency,
                                 String stripePriceId,
                                 Integer seatLimit,
                                 Integer workspaceLimit,
                                 @DefaultValue List<String> features,
                                 Integer apiRateLimit) {
    }
}
