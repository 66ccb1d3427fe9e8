/** The Organization aggregate (the tenant) and its slug lookup. */
package dev.tenantry.command.organization;
