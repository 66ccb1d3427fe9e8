/** Read model of each organization's subscription, and the port to the configured plans. */
package dev.tenantry.query.billing;
