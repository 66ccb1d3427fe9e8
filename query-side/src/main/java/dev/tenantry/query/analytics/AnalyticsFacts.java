package dev.tenantry.query.analytics;

/** The {@code metric} column of {@code analytics_fact}. */
final class AnalyticsFacts {

    static final String USER_SIGNUPS = "user-signups";
    static final String ORGANIZATION_SIGNUPS = "organization-signups";
    static final String NEW_PAID_SUBSCRIPTIONS = "new-paid-subscriptions";
    static final String CHURNED_SUBSCRIPTIONS = "churned-subscriptions";
    /** Upgrades and downgrades both: which one a change is depends on prices, applied when asked. */
    static final String PLAN_CHANGES = "plan-changes";
    static final String FAILED_PAYMENTS = "failed-payments";
    static final String INVITATIONS_ACCEPTED = "invitations-accepted";

    private AnalyticsFacts() {
    }
}
