package dev.tenantry.command.organization;

import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.organization.TransferOwnershipCommand;
import dev.tenantry.command.membership.Membership;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.modelling.command.Repository;
import org.springframework.stereotype.Component;

/**
 * Ownership moves between two memberships and is recorded on the organization; all three change in one unit of
 * work, so at no moment are there zero or two owners.
 */
@Component
public class OwnershipTransfer {

    private final Repository<Organization> organizations;
    private final Repository<Membership> memberships;

    public OwnershipTransfer(Repository<Organization> organizations, Repository<Membership> memberships) {
        this.organizations = organizations;
        this.memberships = memberships;
    }

    @CommandHandler
    public void handle(TransferOwnershipCommand command) {
        String previousOwner = organizations.load(command.organizationId())
                .invoke(organization -> organization.transferOwnership(command));
        memberships.load(MembershipIds.of(command.organizationId(), command.newOwnerId()))
                .execute(Membership::promoteToOwner);
        memberships.load(MembershipIds.of(command.organizationId(), previousOwner))
                .execute(Membership::stepDownToAdmin);
    }
}
