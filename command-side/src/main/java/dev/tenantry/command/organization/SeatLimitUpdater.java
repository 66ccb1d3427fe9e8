package dev.tenantry.command.organization;

import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.command.CommandLookups;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The seat limit the team rules enforce follows {@link SeatLimitChangedEvent} (billing emits it when the plan or
 * its fallback changes), in the same transaction as the event. A lower limit removes nobody: it only blocks
 * invitations and acceptances.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class SeatLimitUpdater {

    private final Seats seats;

    SeatLimitUpdater(Seats seats) {
        this.seats = seats;
    }

    @EventHandler
    void on(SeatLimitChangedEvent event) {
        seats.setLimit(event.organizationId(), event.seatLimit());
    }
}
