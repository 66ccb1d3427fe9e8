package dev.tenantry.api.analytics;

import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.OrganizationStatus;

import java.time.Instant;
import java.util.List;

/** @param total organizations matching the filters, over all pages */
public record AdminOrganizationPage(List<AdminOrganization> items, int page, int size, long total) {

    /**
     * @param plan               the subscription's plan key
     * @param subscriptionStatus the subscription's billing state (a checkout in progress does not change it)
     */
    public record AdminOrganization(String id,
                                    String name,
                                    String slug,
                                    OrganizationStatus status,
                                    String plan,
                                    SubscriptionStatus subscriptionStatus,
                                    Instant createdAt,
                                    Instant closedAt) {
    }
}
