package dev.tenantry.command.membership;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.membership.ChangeMemberRoleCommand;
import dev.tenantry.api.membership.LeaveOrganizationCommand;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.RemoveMemberCommand;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * One user's place in one organization; its id comes from {@link dev.tenantry.api.membership.MembershipIds}, so
 * someone who leaves and is invited again rejoins the same aggregate.
 * <p>
 * Exactly one OWNER at all times: the owner cannot leave, be removed or change role here; only an ownership
 * transfer ({@link #promoteToOwner()} with {@link #stepDownToAdmin()}) moves the role.
 */
@Aggregate
public class Membership {

    @AggregateIdentifier
    private String membershipId;
    private String organizationId;
    private String userId;
    private Role role;
    private MembershipStatus status;

    protected Membership() {
        // for Axon, and for a first join through Repository.loadOrCreate
    }

    /** A membership that does not exist yet, to be filled by {@link #join}. */
    public static Membership unjoined() {
        return new Membership();
    }

    /** The founding owner; called while the organization is created. */
    public Membership(String membershipId, String organizationId, String userId, Role role) {
        apply(new MemberAddedEvent(membershipId, organizationId, userId, role));
    }

    /** Joins (or rejoins) from an accepted invitation. */
    public void join(String membershipId, String organizationId, String userId, Role role) {
        if (status == MembershipStatus.ACTIVE) {
            throw DomainException.conflict("already-member", "You are already a member of this organization");
        }
        apply(new MemberAddedEvent(membershipId, organizationId, userId, role));
    }

    @CommandHandler
    public void handle(ChangeMemberRoleCommand command, MemberRoster roster) {
        requireActive();
        roster.requirePermission(organizationId, command.actorId(), Permission.MANAGE_MEMBERS);
        if (role == Role.OWNER || command.role() == Role.OWNER) {
            throw DomainException.conflict("ownership-transfer-required",
                    "The OWNER role moves only through an ownership transfer");
        }
        if (command.role() == role) {
            return;
        }
        apply(new MemberRoleChangedEvent(membershipId, organizationId, userId, command.role(), role));
    }

    @CommandHandler
    public void handle(RemoveMemberCommand command, MemberRoster roster) {
        requireActive();
        roster.requirePermission(organizationId, command.actorId(), Permission.MANAGE_MEMBERS);
        if (role == Role.OWNER) {
            throw DomainException.conflict("owner-cannot-be-removed",
                    "The owner cannot be removed; transfer ownership first");
        }
        apply(new MemberRemovedEvent(membershipId, organizationId, userId, role));
    }

    @CommandHandler
    public void handle(LeaveOrganizationCommand command) {
        requireActive();
        if (role == Role.OWNER) {
            throw DomainException.conflict("owner-cannot-leave", "The owner cannot leave; transfer ownership first");
        }
        apply(new MemberLeftEvent(membershipId, organizationId, userId, role));
    }

    /** The receiving side of an ownership transfer. */
    public void promoteToOwner() {
        if (status != MembershipStatus.ACTIVE) {
            throw DomainException.conflict("not-a-member", "Ownership can only go to an active member");
        }
        if (role == Role.OWNER) {
            throw DomainException.conflict("already-owner", "This member already owns the organization");
        }
        apply(new MemberRoleChangedEvent(membershipId, organizationId, userId, Role.OWNER, role));
    }

    /** The giving side of an ownership transfer: the previous owner stays, as ADMIN. */
    public void stepDownToAdmin() {
        if (status != MembershipStatus.ACTIVE || role != Role.OWNER) {
            throw DomainException.conflict("not-the-owner", "Only the current owner can hand over ownership");
        }
        apply(new MemberRoleChangedEvent(membershipId, organizationId, userId, Role.ADMIN, role));
    }

    @EventSourcingHandler
    void on(MemberAddedEvent event) {
        membershipId = event.membershipId();
        organizationId = event.organizationId();
        userId = event.userId();
        role = event.role();
        status = MembershipStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(MemberRoleChangedEvent event) {
        role = event.role();
    }

    @EventSourcingHandler
    void on(MemberRemovedEvent event) {
        status = MembershipStatus.REMOVED;
    }

    @EventSourcingHandler
    void on(MemberLeftEvent event) {
        status = MembershipStatus.LEFT;
    }

    private void requireActive() {
        if (status != MembershipStatus.ACTIVE) {
            throw new DomainException(DomainException.Kind.NOT_FOUND, "member-not-found",
                    "No active member " + userId + " in this organization", null);
        }
    }
}
