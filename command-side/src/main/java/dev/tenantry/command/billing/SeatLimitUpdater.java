package dev.tenantry.command.billing;

import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.command.CommandLookups;
import dev.tenantry.command.organization.Seats;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * The seat limit the team rules enforce is the subscription's plan's, changed in the same transaction as the
 * billing event that changes it. A lower limit removes nobody: it only blocks invitations and acceptances.
 */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class SeatLimitUpdater {

    private final Seats seats;

    SeatLimitUpdater(Seats seats) {
        this.seats = seats;
    }

    @EventHandler
    void on(SubscriptionActivatedEvent event) {
        seats.setLimit(event.organizationId(), event.seatLimit());
    }

    @EventHandler
    void on(SubscriptionPlanChangedEvent event) {
        seats.setLimit(event.organizationId(), event.seatLimit());
    }

    @EventHandler
    void on(SubscriptionCanceledEvent event) {
        seats.setLimit(event.organizationId(), event.seatLimit());
    }

    @EventHandler
    void on(GracePeriodExpiredEvent event) {
        seats.setLimit(event.organizationId(), event.seatLimit());
    }

    @EventHandler
    void on(PaidPlanRestoredEvent event) {
        seats.setLimit(event.organizationId(), event.seatLimit());
    }
}
