package dev.tenantry.api.workspace;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The default workspace's id is derived from its organization's, so that creating it twice collides. */
public final class WorkspaceIds {

    private WorkspaceIds() {
    }

    public static String defaultOf(String organizationId) {
        return UUID.nameUUIDFromBytes(("workspace:default:" + organizationId).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
