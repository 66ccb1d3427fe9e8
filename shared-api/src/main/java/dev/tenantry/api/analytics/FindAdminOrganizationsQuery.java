package dev.tenantry.api.analytics;

import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.OrganizationStatus;

/**
 * Organizations for support work, newest first. Every filter is optional ({@code null}).
 *
 * @param text               part of the name or slug, case-insensitive
 * @param page               0-based
 */
public record FindAdminOrganizationsQuery(String text,
                                          String plan,
                                          OrganizationStatus status,
                                          SubscriptionStatus subscriptionStatus,
                                          int page,
                                          int size) {
}
