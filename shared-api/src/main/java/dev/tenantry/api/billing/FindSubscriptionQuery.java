package dev.tenantry.api.billing;

public record FindSubscriptionQuery(String organizationId) {
}
