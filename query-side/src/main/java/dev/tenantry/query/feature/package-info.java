/** Read model of each organization's feature overrides. */
package dev.tenantry.query.feature;
