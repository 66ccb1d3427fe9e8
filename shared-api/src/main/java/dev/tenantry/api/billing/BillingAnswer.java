package dev.tenantry.api.billing;

/**
 * The answer to {@link FindBillingQuery}. The billing is composed from two read models, and each may not know the
 * organization (yet), which a client is told apart.
 */
public sealed interface BillingAnswer permits BillingView, BillingAnswer.NoSubscription, BillingAnswer.NoOrganization {

    record NoSubscription(String organizationId) implements BillingAnswer {
    }

    record NoOrganization(String organizationId) implements BillingAnswer {
    }
}
