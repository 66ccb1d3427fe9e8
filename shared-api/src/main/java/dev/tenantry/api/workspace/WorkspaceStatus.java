package dev.tenantry.api.workspace;

/** An archived workspace is read-only and does not count towards the plan's workspace limit. */
public enum WorkspaceStatus { ACTIVE, ARCHIVED }
