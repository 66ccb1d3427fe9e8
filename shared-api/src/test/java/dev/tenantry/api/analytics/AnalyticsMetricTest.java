package dev.tenantry.api.analytics;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnalyticsMetricTest {

    @Test
    void aMetricIsFoundByItsKeyInKebabSnakeOrCamelCase() {
        assertThat(AnalyticsMetric.ofKey("new-paid-subscriptions")).contains(AnalyticsMetric.NEW_PAID_SUBSCRIPTIONS);
        assertThat(AnalyticsMetric.ofKey("new_paid_subscriptions")).contains(AnalyticsMetric.NEW_PAID_SUBSCRIPTIONS);
        assertThat(AnalyticsMetric.ofKey("newPaidSubscriptions")).contains(AnalyticsMetric.NEW_PAID_SUBSCRIPTIONS);
        assertThat(AnalyticsMetric.ofKey("INVITATIONS_ACCEPTED")).contains(AnalyticsMetric.INVITATIONS_ACCEPTED);
        assertThat(AnalyticsMetric.ofKey("MRR")).contains(AnalyticsMetric.MRR);
    }

    @Test
    void anythingElseIsNoMetric() {
        assertThat(AnalyticsMetric.ofKey("revenue")).isEmpty();
        assertThat(AnalyticsMetric.ofKey("new paid subscriptions")).isEmpty();
        assertThat(AnalyticsMetric.ofKey("")).isEmpty();
    }
}
