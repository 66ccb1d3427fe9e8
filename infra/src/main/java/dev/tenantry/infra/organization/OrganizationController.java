package dev.tenantry.infra.organization;

import dev.tenantry.api.membership.FindMembersQuery;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.CloseOrganizationCommand;
import dev.tenantry.api.organization.CreateOrganizationCommand;
import dev.tenantry.api.organization.FindOrganizationQuery;
import dev.tenantry.api.organization.FindOrganizationsOfUserQuery;
import dev.tenantry.api.organization.OrganizationSettings;
import dev.tenantry.api.organization.OrganizationView;
import dev.tenantry.api.organization.RenameOrganizationCommand;
import dev.tenantry.api.organization.UpdateOrganizationSettingsCommand;
import dev.tenantry.api.organization.UserOrganizationView;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.Items;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@RestController
@RequestMapping("/api/orgs")
@Tag(name = "Organizations")
class OrganizationController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TenantAccess access;

    OrganizationController(CommandSender commands, QueryGateway queries, TenantAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    @PostMapping
    @Operation(summary = "Create an organization; the caller becomes its OWNER", responses = {
            @ApiResponse(responseCode = "201", description = "Created",
                    headers = @Header(name = "Location", required = true, description = "The organization")),
            @ApiResponse(responseCode = "202", description = "Created; the read models show it shortly",
                    headers = @Header(name = "Location", required = true, description = "The organization"),
                    content = @Content)})
    ResponseEntity<OrganizationView> create(@CurrentUser AuthenticatedUser user,
                                            @Valid @RequestBody OrganizationRequests.Create request) {
        String organizationId = UUID.randomUUID().toString();
        OrganizationSettings settings = request.settings() == null ? null
                : OrganizationSettings.DEFAULTS.with(request.settings().timeZone(), request.settings().locale());
        commands.send(new CreateOrganizationCommand(organizationId, request.name(), request.slug(), settings,
                user.id()), user.id());
        URI location = URI.create("/api/orgs/" + organizationId);
        // Created: the read model shows it a moment later when it is far behind (past the catch-up timeout).
        return lookUp(organizationId).map(view -> ResponseEntity.created(location).body(view))
                .orElseGet(() -> ResponseEntity.accepted().location(location).build());
    }

    @GetMapping
    @Operation(summary = "The organizations the caller belongs to, with their role; ?role= keeps only those where "
            + "the caller has that role")
    Items<UserOrganizationView> mine(@CurrentUser AuthenticatedUser user,
                                     @Parameter(description = "Only organizations where the caller has this role "
                                             + "(OWNER, ADMIN, MEMBER, VIEWER or AUDITOR); all when absent")
                                     @RequestParam(required = false) Role role) {
        List<UserOrganizationView> organizations = queries.query(new FindOrganizationsOfUserQuery(user.id()),
                ResponseTypes.multipleInstancesOf(UserOrganizationView.class)).join();
        return new Items<>(role == null ? organizations
                : organizations.stream().filter(organization -> organization.role() == role).toList());
    }

    @GetMapping("/{orgId}")
    @Operation(summary = "One organization (any member)")
    OrganizationView get(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user);
        return find(orgId);
    }

    @PatchMapping("/{orgId}")
    @Operation(summary = "Rename or change settings (OWNER, ADMIN)")
    OrganizationView update(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                            @Valid @RequestBody OrganizationRequests.Update request) {
        access.require(orgId, user, Permission.MANAGE_ORGANIZATION);
        if (request.name() == null && request.settings() == null) {
            throw ApiException.badRequest("validation-failed", "Give at least one of name, settings");
        }
        if (request.settings() != null) {
            // Validate before sending anything, so that a bad time zone cannot leave a half-applied rename.
            find(orgId).settings().with(request.settings().timeZone(), request.settings().locale());
        }
        if (request.name() != null) {
            commands.send(new RenameOrganizationCommand(orgId, request.name(), user.id()), user.id());
        }
        if (request.settings() != null) {
            commands.send(new UpdateOrganizationSettingsCommand(orgId, request.settings().timeZone(),
                    request.settings().locale(), user.id()), user.id());
        }
        return find(orgId);
    }

    @DeleteMapping("/{orgId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Close the organization (OWNER only); it stays readable to its members, as CLOSED")
    void close(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Permission.OWN_ORGANIZATION);
        commands.send(new CloseOrganizationCommand(orgId, user.id()), user.id());
    }

    @GetMapping("/{orgId}/members")
    @Operation(summary = "Active members with their role (any member)")
    Items<MemberView> members(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user);
        return new Items<>(queries.query(new FindMembersQuery(orgId),
                ResponseTypes.multipleInstancesOf(MemberView.class)).join());
    }

    private OrganizationView find(String organizationId) {
        return lookUp(organizationId).orElseThrow(() -> ApiException.notFound("organization-not-found",
                "No organization " + organizationId + " among yours"));
    }

    private Optional<OrganizationView> lookUp(String organizationId) {
        return queries.query(new FindOrganizationQuery(organizationId),
                ResponseTypes.optionalInstanceOf(OrganizationView.class)).join();
    }
}
