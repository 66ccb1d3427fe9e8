package dev.tenantry.api.analytics;

import java.util.Map;

/**
 * @param paying    organizations holding an ACTIVE or PAST_DUE paid subscription, by plan key
 * @param mrr       the monthly plan prices of those subscriptions, in cents of {@code currency}
 * @param arpaCents MRR per paying organization, rounded to the nearest cent (0 when none pays)
 * @param trialing  organizations whose subscription is TRIALING
 * @param pastDue   organizations whose subscription is PAST_DUE
 */
public record AnalyticsOverview(Organizations organizations,
                                Paying paying,
                                Mrr mrr,
                                long arpaCents,
                                long trialing,
                                long pastDue) {

    /** @param active not closed */
    public record Organizations(long total, long active) {
    }

    public record Paying(long total, Map<String, Long> byPlan) {
    }

    public record Mrr(String currency, long totalCents, Map<String, Long> byPlan) {
    }
}
