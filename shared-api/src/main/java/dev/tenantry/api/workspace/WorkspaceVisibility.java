package dev.tenantry.api.workspace;

/** Who sees a workspace: every member of its organization, or only its own members (and the organization's managers). */
public enum WorkspaceVisibility { ORGANIZATION, PRIVATE }
