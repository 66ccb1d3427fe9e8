/** Commands, events, queries and values of workspaces: projects inside an organization, with their own members. */
package dev.tenantry.api.workspace;
