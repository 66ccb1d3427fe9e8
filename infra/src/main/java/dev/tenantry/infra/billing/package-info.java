/** Billing: the plan catalogue from configuration and its public API; the Stripe adapter of the billing gateway. */
package dev.tenantry.infra.billing;
