/** The Workspace aggregate, the lookups that make its names unique and its count limited, and its policies. */
package dev.tenantry.command.workspace;
