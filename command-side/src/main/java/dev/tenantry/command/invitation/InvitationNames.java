package dev.tenantry.command.invitation;

import java.util.Optional;

/** The names an invitation mail shows, as they are when the invitation is recorded (inside its transaction). */
public interface InvitationNames {

    Optional<String> organizationName(String organizationId);

    Optional<String> displayName(String userId);
}
