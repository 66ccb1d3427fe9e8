package dev.tenantry.api.billing;

/** Organizations that have a Stripe customer: one, or all when {@code organizationId} is null. */
public record FindBillingAccountsQuery(String organizationId) {
}
