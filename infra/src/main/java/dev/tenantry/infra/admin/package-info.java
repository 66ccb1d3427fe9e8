/** Platform operators' endpoints that are not billing: the projections' state and rebuilds. */
package dev.tenantry.infra.admin;
