/** The workspaces read model: workspaces and their members, listed as {@link dev.tenantry.api.workspace.WorkspaceAccess} lets each viewer see them. */
package dev.tenantry.query.workspace;
