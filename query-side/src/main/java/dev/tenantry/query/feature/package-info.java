/** Read model of each organization's feature overrides, and the effective features: plan plus overrides. */
package dev.tenantry.query.feature;
