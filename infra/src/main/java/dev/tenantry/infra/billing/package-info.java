/** Billing: the plan catalogue from configuration and its public API. */
package dev.tenantry.infra.billing;
