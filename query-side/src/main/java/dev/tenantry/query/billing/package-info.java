/** Read model of each organization's subscription, its billing, checkout and change outcomes, and their ports. */
package dev.tenantry.query.billing;
