/** REST API of workspaces, and the database side of the workspace lookups. */
package dev.tenantry.infra.workspace;
