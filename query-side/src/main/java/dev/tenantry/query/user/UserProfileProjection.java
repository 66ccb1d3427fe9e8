package dev.tenantry.query.user;

import dev.tenantry.api.identity.UserRegisteredEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.stereotype.Component;

import java.time.Instant;

@Component
@ProcessingGroup(UserProfileProjection.PROCESSING_GROUP)
class UserProfileProjection {

    static final String PROCESSING_GROUP = "user-profiles";

    private final UserProfileRowRepository profiles;

    UserProfileProjection(UserProfileRowRepository profiles) {
        this.profiles = profiles;
    }

    /** A rebuild starts from an empty table; every handler below then sets rows from their events alone. */
    @ResetHandler
    void reset() {
        profiles.deleteAllInBatch();
    }

    @EventHandler
    void on(UserRegisteredEvent event, @Timestamp Instant at) {
        profiles.save(new UserProfileRow(event.userId(), event.email(), event.displayName(), at));
    }
}
