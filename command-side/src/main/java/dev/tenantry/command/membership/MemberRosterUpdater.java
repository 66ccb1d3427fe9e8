package dev.tenantry.command.membership;

import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.command.CommandLookups;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/** Keeps the roster in step with membership events; runs in a subscribing processor, inside the command's transaction. */
@Component
@ProcessingGroup(CommandLookups.PROCESSING_GROUP)
class MemberRosterUpdater {

    private final MemberRoster roster;

    MemberRosterUpdater(MemberRoster roster) {
        this.roster = roster;
    }

    @EventHandler
    void on(MemberAddedEvent event) {
        roster.record(event.organizationId(), event.userId(), event.role(), MembershipStatus.ACTIVE);
    }

    @EventHandler
    void on(OrganizationClosedEvent event) {
        roster.closeOrganization(event.organizationId());
    }

    @EventHandler
    void on(MemberRoleChangedEvent event) {
        roster.record(event.organizationId(), event.userId(), event.role(), MembershipStatus.ACTIVE);
    }

    @EventHandler
    void on(MemberRemovedEvent event) {
        roster.record(event.organizationId(), event.userId(), event.role(), MembershipStatus.REMOVED);
    }

    @EventHandler
    void on(MemberLeftEvent event) {
        roster.record(event.organizationId(), event.userId(), event.role(), MembershipStatus.LEFT);
    }
}
