/** Platform analytics and support search across all tenants, for platform admins. */
package dev.tenantry.api.analytics;
