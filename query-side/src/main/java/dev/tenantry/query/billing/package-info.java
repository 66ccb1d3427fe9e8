/** Read model of each organization's subscription. */
package dev.tenantry.query.billing;
