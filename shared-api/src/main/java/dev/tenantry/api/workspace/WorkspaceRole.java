package dev.tenantry.api.workspace;

/** A member's role inside one workspace. ADMIN manages its settings and members; EDITOR and VIEWER read it. */
public enum WorkspaceRole { ADMIN, EDITOR, VIEWER }
