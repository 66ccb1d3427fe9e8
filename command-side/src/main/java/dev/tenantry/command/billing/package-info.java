/** The Subscription aggregate and the plan catalogue port. */
package dev.tenantry.command.billing;
