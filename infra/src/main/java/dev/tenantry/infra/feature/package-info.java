/** Feature flags: what the plan in effect grants, and platform admins' per-organization overrides. */
package dev.tenantry.infra.feature;
