/** Feature-flag endpoints: what the plan in effect grants (computed in query-side) and platform admins' overrides. */
package dev.tenantry.infra.feature;
