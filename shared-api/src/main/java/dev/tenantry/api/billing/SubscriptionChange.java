package dev.tenantry.api.billing;

/** What an owner asks Stripe to do to a paid subscription. */
public enum SubscriptionChange {
    /** Move to another paid plan's price, prorated. */
    CHANGE_PLAN,
    /** End the subscription with its current period. */
    CANCEL_AT_PERIOD_END,
    /** Take back {@link #CANCEL_AT_PERIOD_END}. */
    RESUME
}
