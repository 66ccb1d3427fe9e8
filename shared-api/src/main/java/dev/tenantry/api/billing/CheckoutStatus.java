package dev.tenantry.api.billing;

/** PENDING: waiting for Stripe's session; OPEN: the URL is ready to pay; then one of the ends. */
public enum CheckoutStatus { PENDING, OPEN, COMPLETED, FAILED, EXPIRED }
