/** Read model of each organization's subscription, its billing, change outcomes, and the ports they read through. */
package dev.tenantry.query.billing;
