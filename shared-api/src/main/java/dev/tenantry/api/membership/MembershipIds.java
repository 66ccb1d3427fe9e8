package dev.tenantry.api.membership;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * A membership's aggregate id is derived from (organization, user), so that there is at most one Membership
 * aggregate per pair: a second creation collides in the event store instead of producing a duplicate.
 */
public final class MembershipIds {

    private MembershipIds() {
    }

    public static String of(String organizationId, String userId) {
        return UUID.nameUUIDFromBytes(("membership:" + organizationId + ":" + userId)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }
}
