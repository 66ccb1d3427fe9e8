package dev.tenantry.command.invitation;

import dev.tenantry.api.invitation.AcceptInvitationCommand;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.membership.MemberRoster;
import dev.tenantry.command.membership.Membership;
import dev.tenantry.command.organization.Seats;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Accepting touches two aggregates: the invitation is used up and the membership is created (or, for someone who
 * left before, reactivated). Both happen in this one unit of work and transaction, so neither can exist without
 * the other.
 */
@Component
public class InvitationAcceptance {

    private final Repository<Invitation> invitations;
    private final Repository<Membership> memberships;

    public InvitationAcceptance(Repository<Invitation> invitations, Repository<Membership> memberships) {
        this.invitations = invitations;
        this.memberships = memberships;
    }

    @CommandHandler
    public void handle(AcceptInvitationCommand command, MemberRoster roster, Seats seats, DeadlineManager deadlines)
            throws Exception {
        Role role = invitations.load(command.invitationId())
                .invoke(invitation -> invitation.accept(command, roster, seats, deadlines));
        String membershipId = MembershipIds.of(command.organizationId(), command.userId());
        memberships.loadOrCreate(membershipId, Membership::unjoined)
                .execute(membership -> membership.join(membershipId, command.organizationId(), command.userId(),
                        role));
    }
}
