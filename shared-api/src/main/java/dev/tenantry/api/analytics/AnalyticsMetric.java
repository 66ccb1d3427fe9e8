package dev.tenantry.api.analytics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a time series counts. {@link #key()} is the name clients use (part of the API contract). Every metric but
 * {@link #MRR} counts events within a bucket; MRR is a level, taken at the end of each bucket.
 */
public enum AnalyticsMetric {
    USER_SIGNUPS("user-signups"),
    ORGANIZATION_SIGNUPS("organization-signups"),
    MRR("mrr"),
    NEW_PAID_SUBSCRIPTIONS("new-paid-subscriptions"),
    CHURNED_SUBSCRIPTIONS("churned-subscriptions"),
    UPGRADES("upgrades"),
    DOWNGRADES("downgrades"),
    FAILED_PAYMENTS("failed-payments"),
    INVITATIONS_ACCEPTED("invitations-accepted");

    private final String key;

    AnalyticsMetric(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /**
     * The metric by its key, also spelt in snake or camel case ({@code new_paid_subscriptions},
     * {@code newPaidSubscriptions}): a client's spelling convention is not worth a 400.
     */
    public static Optional<AnalyticsMetric> ofKey(String key) {
        String kebab = key.trim().replaceAll("([a-z0-9])([A-Z])", "$1-$2").replace('_', '-').toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(metric -> metric.key.equals(kebab)).findFirst();
    }

    public static List<String> keys() {
        return Arrays.stream(values()).map(AnalyticsMetric::key).toList();
    }
}
