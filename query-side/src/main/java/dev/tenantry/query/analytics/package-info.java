/** Platform analytics across tenants (overview, time series, cohorts) and the support search of organizations. */
package dev.tenantry.query.analytics;
