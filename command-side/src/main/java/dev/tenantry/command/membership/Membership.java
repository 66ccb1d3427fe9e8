package dev.tenantry.command.membership;

import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/** One user's place in one organization. Its id comes from {@link dev.tenantry.api.membership.MembershipIds}. */
@Aggregate
public class Membership {

    @AggregateIdentifier
    private String membershipId;
    private String organizationId;
    private String userId;
    private Role role;
    private MembershipStatus status;

    protected Membership() {
        // for Axon
    }

    /** Adds a member; called from the aggregate that decides it (an organization's creation makes its owner). */
    public Membership(String membershipId, String organizationId, String userId, Role role) {
        apply(new MemberAddedEvent(membershipId, organizationId, userId, role));
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        membershipId = event.membershipId();
        organizationId = event.organizationId();
        userId = event.userId();
        role = event.role();
        status = MembershipStatus.ACTIVE;
    }
}
