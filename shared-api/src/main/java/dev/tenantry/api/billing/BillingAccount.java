package dev.tenantry.api.billing;

public record BillingAccount(String organizationId, String stripeCustomerId) {
}
