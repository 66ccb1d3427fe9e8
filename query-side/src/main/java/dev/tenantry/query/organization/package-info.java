/** Read model of organizations. */
package dev.tenantry.query.organization;
