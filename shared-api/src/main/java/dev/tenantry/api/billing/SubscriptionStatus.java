package dev.tenantry.api.billing;

/** FREE: no Stripe subscription. The others follow Stripe's subscription states. */
public enum SubscriptionStatus { FREE, CHECKOUT_PENDING, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID }
