/** The Subscription aggregate, its sagas (checkout, reconciliation of Stripe events) and its ports (Stripe, plans). */
package dev.tenantry.command.billing;
