/** Commands, events, queries and values of the Organization (tenant). */
package dev.tenantry.api.organization;
