/** REST API of organizations and their members, and the database side of the slug lookup. */
package dev.tenantry.infra.organization;
