package dev.tenantry.api.workspace;

import dev.tenantry.api.TenantMessage;

/**
 * An event of one workspace, as opposed to a message that names a workspace in passing: the read side counts the
 * workspace's activity by it.
 */
public interface WorkspaceScoped extends TenantMessage {

    String workspaceId();
}
