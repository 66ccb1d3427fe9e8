package dev.tenantry.query.organization;

import dev.tenantry.api.organization.FindOrganizationQuery;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationRenamedEvent;
import dev.tenantry.api.organization.OrganizationSettingsUpdatedEvent;
import dev.tenantry.api.organization.OrganizationView;
import dev.tenantry.api.organization.OwnershipTransferredEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;

/** Every handler sets state rather than adding to it, so a redelivered or replayed event changes nothing. */
@Component
@ProcessingGroup(OrganizationProjection.PROCESSING_GROUP)
class OrganizationProjection {

    static final String PROCESSING_GROUP = "organizations";

    private final OrganizationRowRepository organizations;

    OrganizationProjection(OrganizationRowRepository organizations) {
        this.organizations = organizations;
    }

    /** A rebuild starts from an empty table; every handler below then sets rows from their events alone. */
    @ResetHandler
    void reset() {
        organizations.deleteAllInBatch();
    }

    @EventHandler
    void on(OrganizationCreatedEvent event, @Timestamp Instant at) {
        organizations.save(new OrganizationRow(event.organizationId(), event.name(), event.slug(), event.ownerId(),
                event.settings(), at));
    }

    @EventHandler
    void on(OrganizationRenamedEvent event, @Timestamp Instant at) {
        organizations.findById(event.organizationId()).ifPresent(row -> row.rename(event.name(), at));
    }

    @EventHandler
    void on(OrganizationSettingsUpdatedEvent event, @Timestamp Instant at) {
        organizations.findById(event.organizationId()).ifPresent(row -> row.settings(event.settings(), at));
    }

    @EventHandler
    void on(OwnershipTransferredEvent event, @Timestamp Instant at) {
        organizations.findById(event.organizationId()).ifPresent(row -> row.transferOwnership(event.newOwnerId(), at));
    }

    /** The plan's seat limit: set at creation, changed by billing (older billing events are upcast to carry it). */
    @EventHandler
    void on(SeatLimitChangedEvent event, @Timestamp Instant at) {
        seatLimit(event.organizationId(), event.seatLimit(), at);
    }

    private void seatLimit(String organizationId, Integer limit, Instant at) {
        organizations.findById(organizationId).ifPresent(row -> row.seatLimit(limit, at));
    }

    @EventHandler
    void on(OrganizationClosedEvent event, @Timestamp Instant at) {
        organizations.findById(event.organizationId()).ifPresent(row -> row.close(at));
    }

    @QueryHandler
    Optional<OrganizationView> handle(FindOrganizationQuery query) {
        return organizations.findById(query.organizationId()).map(OrganizationRow::toView);
    }
}
