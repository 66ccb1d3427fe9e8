package dev.tenantry.api.billing;

/** Answered with a {@link BillingAnswer}: the organization's {@link BillingView}, or which part is not known. */
public record FindBillingQuery(String organizationId) {
}
