package dev.tenantry.infra.web;

/** How many API requests an organization may make: its plan decides (billing), the web layer counts. */
public interface OrganizationApiQuota {

    Quota of(String organizationId);
}
