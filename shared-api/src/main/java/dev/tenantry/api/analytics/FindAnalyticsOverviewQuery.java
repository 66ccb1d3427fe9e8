package dev.tenantry.api.analytics;

/** The platform's figures as of now. */
public record FindAnalyticsOverviewQuery() {
}
