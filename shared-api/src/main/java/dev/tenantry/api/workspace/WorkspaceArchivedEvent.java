package dev.tenantry.api.workspace;

import org.axonframework.serialization.Revision;

/** @param organizationClosed archived because the organization closed, not by someone's choice */
@Revision("1")
public record WorkspaceArchivedEvent(String workspaceId, String organizationId, String name, boolean organizationClosed) implements WorkspaceScoped {
}
