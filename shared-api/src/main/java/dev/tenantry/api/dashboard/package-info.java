/** The tenant dashboard: its query and view. */
package dev.tenantry.api.dashboard;
