package dev.tenantry.infra.membership;

import dev.tenantry.api.membership.ChangeMemberRoleCommand;
import dev.tenantry.api.membership.FindMembershipQuery;
import dev.tenantry.api.membership.LeaveOrganizationCommand;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.api.membership.RemoveMemberCommand;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.FindOrganizationQuery;
import dev.tenantry.api.organization.OrganizationView;
import dev.tenantry.api.organization.TransferOwnershipCommand;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Roles, removal, leaving and ownership. The aggregates enforce the same rules again. */
@RestController
@RequestMapping("/api/orgs/{orgId}")
@Tag(name = "Members")
class MemberController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TenantAccess access;

    MemberController(CommandSender commands, QueryGateway queries, TenantAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    record ChangeRole(@NotNull Role role) {
    }

    record TransferOwnership(@NotBlank @Size(max = 36) String userId) {
    }

    @PatchMapping("/members/{userId}")
    @Operation(summary = "Change a member's role (OWNER, ADMIN; the OWNER role moves only by transfer)")
    MemberView changeRole(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                          @PathVariable String userId, @Valid @RequestBody ChangeRole request) {
        access.require(orgId, user, Permission.MANAGE_MEMBERS);
        member(orgId, userId);
        commands.send(new ChangeMemberRoleCommand(MembershipIds.of(orgId, userId), orgId, userId, request.role(),
                user.id()), user.id());
        return member(orgId, userId);
    }

    @DeleteMapping("/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member (OWNER, ADMIN; never the owner)")
    void remove(@CurrentUser AuthenticatedUser user, @PathVariable String orgId, @PathVariable String userId) {
        access.require(orgId, user, Permission.MANAGE_MEMBERS);
        member(orgId, userId);
        commands.send(new RemoveMemberCommand(MembershipIds.of(orgId, userId), orgId, userId, user.id()), user.id());
    }

    @PostMapping("/members/me/leave")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Leave the organization (any member but the owner)")
    void leave(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user);
        commands.send(new LeaveOrganizationCommand(MembershipIds.of(orgId, user.id()), orgId, user.id()), user.id());
    }

    @PostMapping("/ownership")
    @Operation(summary = "Transfer ownership to another active member (OWNER); the previous owner becomes ADMIN")
    OrganizationView transferOwnership(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                       @Valid @RequestBody TransferOwnership request) {
        access.require(orgId, user, Permission.OWN_ORGANIZATION);
        member(orgId, request.userId());
        commands.send(new TransferOwnershipCommand(orgId, request.userId(), user.id()), user.id());
        return queries.query(new FindOrganizationQuery(orgId), ResponseTypes.optionalInstanceOf(OrganizationView.class))
                .join().orElseThrow();
    }

    /** The target must be someone who is, or was, a member: anyone else is simply not found. */
    private MemberView member(String orgId, String userId) {
        return queries.query(new FindMembershipQuery(orgId, userId), ResponseTypes.optionalInstanceOf(MemberView.class))
                .join().orElseThrow(() -> ApiException.notFound("member-not-found",
                        "No member " + userId + " in this organization"));
    }
}
