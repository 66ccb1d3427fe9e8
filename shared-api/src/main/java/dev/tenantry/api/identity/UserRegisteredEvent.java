package dev.tenantry.api.identity;

import org.axonframework.serialization.Revision;

/** A person signed up. Carries their public profile only; credentials stay out of the event store. */
@Revision("1")
public record UserRegisteredEvent(String userId, String email, String displayName) {
}
