package dev.tenantry.infra.workspace;

import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.workspace.AddWorkspaceMemberCommand;
import dev.tenantry.api.workspace.ArchiveWorkspaceCommand;
import dev.tenantry.api.workspace.ChangeWorkspaceMemberRoleCommand;
import dev.tenantry.api.workspace.CreateWorkspaceCommand;
import dev.tenantry.api.workspace.FindWorkspaceMemberQuery;
import dev.tenantry.api.workspace.FindWorkspaceMembersQuery;
import dev.tenantry.api.workspace.FindWorkspaceQuery;
import dev.tenantry.api.workspace.FindWorkspacesQuery;
import dev.tenantry.api.workspace.RemoveWorkspaceMemberCommand;
import dev.tenantry.api.workspace.RestoreWorkspaceCommand;
import dev.tenantry.api.workspace.UpdateWorkspaceCommand;
import dev.tenantry.api.workspace.WorkspaceMemberPage;
import dev.tenantry.api.workspace.WorkspaceMemberView;
import dev.tenantry.api.workspace.WorkspacePage;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceView;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
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
import java.util.Optional;
import java.util.UUID;

/**
 * Workspaces and their members. Who may see and change a workspace is decided by the domain
 * ({@link dev.tenantry.api.workspace.WorkspaceAccess}); this translates: a workspace the caller may not see is not
 * found, whatever its id.
 */
@RestController
@RequestMapping("/api/orgs/{orgId}/workspaces")
@Tag(name = "Workspaces")
class WorkspaceController {

    private final CommandSender commands;
    private final QueryGateway queries;
    private final TenantAccess access;

    WorkspaceController(CommandSender commands, QueryGateway queries, TenantAccess access) {
        this.commands = commands;
        this.queries = queries;
        this.access = access;
    }

    /** @param visibility ORGANIZATION (the default) or PRIVATE */
    record CreateWorkspace(@NotBlank @Size(max = 100) String name, @Size(max = 1000) String description,
                           WorkspaceVisibility visibility) {
    }

    /** Absent fields stay as they are; an empty description removes it. */
    record UpdateWorkspace(@Size(max = 100) String name, @Size(max = 1000) String description,
                           WorkspaceVisibility visibility) {
    }

    record AddMember(@NotBlank @Size(max = 36) String userId, @NotNull WorkspaceRole role) {
    }

    record ChangeRole(@NotNull WorkspaceRole role) {
    }

    @GetMapping
    @Operation(summary = "The workspaces the caller may see (any member), by name: every ORGANIZATION workspace, "
            + "the PRIVATE ones they belong to (all of them for an OWNER or ADMIN)")
    @ProblemResponse(status = 400, codes = {"invalid-status", "invalid-limit", "invalid-cursor", "invalid-query"})
    WorkspacePage list(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                       @RequestParam(required = false) String status, @RequestParam(required = false) String q,
                       @RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        MemberView caller = access.require(orgId, user);
        return queries.query(FindWorkspacesQuery.of(orgId, user.id(), caller.role(), status, q, limit, cursor),
                ResponseTypes.instanceOf(WorkspacePage.class)).join();
    }

    @PostMapping
    @Operation(summary = "Create a workspace (OWNER, ADMIN, MEMBER); the creator becomes its ADMIN", responses = {
            @ApiResponse(responseCode = "201", description = "Created",
                    headers = @Header(name = "Location", required = true, description = "The workspace")),
            @ApiResponse(responseCode = "202", description = "Created; the read models show it shortly",
                    headers = @Header(name = "Location", required = true, description = "The workspace"),
                    content = @Content)})
    @ProblemResponse(status = 400, codes = {"validation-failed", "invalid-name", "invalid-description"})
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 409, codes = {"workspace-name-taken", "workspace-limit-reached", "organization-closed"})
    ResponseEntity<WorkspaceView> create(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                         @Valid @RequestBody CreateWorkspace request) {
        MemberView caller = access.require(orgId, user);
        String workspaceId = UUID.randomUUID().toString();
        commands.send(new CreateWorkspaceCommand(workspaceId, orgId, request.name(), request.description(),
                request.visibility(), user.id()), user.id());
        URI location = URI.create("/api/orgs/" + orgId + "/workspaces/" + workspaceId);
        return lookUp(orgId, workspaceId, user, caller).map(view -> ResponseEntity.created(location).body(view))
                .orElseGet(() -> ResponseEntity.accepted().location(location).build());
    }

    @GetMapping("/{workspaceId}")
    @Operation(summary = "One workspace with its member count and the caller's role in it (any member who may see it)")
    WorkspaceView get(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                      @PathVariable String workspaceId) {
        return visible(orgId, workspaceId, user, access.require(orgId, user));
    }

    @PatchMapping("/{workspaceId}")
    @Operation(summary = "Rename, describe or change the visibility of a workspace (OWNER, ADMIN, the workspace's ADMIN)")
    @ProblemResponse(status = 400, codes = {"validation-failed", "invalid-name", "invalid-description"})
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 409, codes = {"workspace-name-taken", "workspace-archived", "organization-closed"})
    WorkspaceView update(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                         @PathVariable String workspaceId, @Valid @RequestBody UpdateWorkspace request) {
        MemberView caller = access.require(orgId, user);
        visible(orgId, workspaceId, user, caller);
        commands.send(new UpdateWorkspaceCommand(workspaceId, orgId, request.name(), request.description(),
                request.visibility(), user.id()), user.id());
        return visible(orgId, workspaceId, user, caller);
    }

    @DeleteMapping("/{workspaceId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Archive a workspace (OWNER, ADMIN, the workspace's ADMIN): read-only, and it frees its name "
            + "and its place in the plan's limit")
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 409, codes = {"workspace-archived", "organization-closed"})
    void archive(@CurrentUser AuthenticatedUser user, @PathVariable String orgId, @PathVariable String workspaceId) {
        visible(orgId, workspaceId, user, access.require(orgId, user));
        commands.send(new ArchiveWorkspaceCommand(workspaceId, orgId, user.id()), user.id());
    }

    @PostMapping("/{workspaceId}/restore")
    @Operation(summary = "Restore an archived workspace (OWNER, ADMIN, the workspace's ADMIN), within the plan's limit")
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 409, codes = {"workspace-not-archived", "workspace-name-taken",
            "workspace-limit-reached", "organization-closed"})
    WorkspaceView restore(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                          @PathVariable String workspaceId) {
        MemberView caller = access.require(orgId, user);
        visible(orgId, workspaceId, user, caller);
        commands.send(new RestoreWorkspaceCommand(workspaceId, orgId, user.id()), user.id());
        return visible(orgId, workspaceId, user, caller);
    }

    @GetMapping("/{workspaceId}/members")
    @Operation(summary = "A workspace's members, by when they joined (any member who may see it)")
    @ProblemResponse(status = 400, codes = {"invalid-limit", "invalid-cursor"})
    WorkspaceMemberPage members(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                @PathVariable String workspaceId, @RequestParam(required = false) Integer limit,
                                @RequestParam(required = false) String cursor) {
        visible(orgId, workspaceId, user, access.require(orgId, user));
        return queries.query(FindWorkspaceMembersQuery.of(orgId, workspaceId, limit, cursor),
                ResponseTypes.instanceOf(WorkspaceMemberPage.class)).join();
    }

    @PostMapping("/{workspaceId}/members")
    @Operation(summary = "Add a member of the organization to a workspace with a role (OWNER, ADMIN, the workspace's "
            + "ADMIN)", responses = {
            @ApiResponse(responseCode = "201", description = "Added",
                    headers = @Header(name = "Location", required = true, description = "The workspace member")),
            @ApiResponse(responseCode = "202", description = "Added; the read models show it shortly",
                    headers = @Header(name = "Location", required = true, description = "The workspace member"),
                    content = @Content)})
    @ProblemResponse(status = 400, codes = "validation-failed")
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 404, codes = {"workspace-not-found", "member-not-found"})
    @ProblemResponse(status = 409, codes = {"already-workspace-member", "workspace-archived", "organization-closed"})
    ResponseEntity<WorkspaceMemberView> addMember(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                                  @PathVariable String workspaceId,
                                                  @Valid @RequestBody AddMember request) {
        visible(orgId, workspaceId, user, access.require(orgId, user));
        commands.send(new AddWorkspaceMemberCommand(workspaceId, orgId, request.userId(), request.role(), user.id()),
                user.id());
        URI location = URI.create("/api/orgs/" + orgId + "/workspaces/" + workspaceId + "/members/"
                + request.userId());
        return lookUpMember(orgId, workspaceId, request.userId())
                .map(view -> ResponseEntity.created(location).body(view))
                .orElseGet(() -> ResponseEntity.accepted().location(location).build());
    }

    @PatchMapping("/{workspaceId}/members/{userId}")
    @Operation(summary = "Change a workspace member's role (OWNER, ADMIN, the workspace's ADMIN)")
    @ProblemResponse(status = 400, codes = "validation-failed")
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 404, codes = {"workspace-not-found", "workspace-member-not-found"})
    @ProblemResponse(status = 409, codes = {"workspace-archived", "organization-closed"})
    WorkspaceMemberView changeRole(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                   @PathVariable String workspaceId, @PathVariable String userId,
                                   @Valid @RequestBody ChangeRole request) {
        visible(orgId, workspaceId, user, access.require(orgId, user));
        commands.send(new ChangeWorkspaceMemberRoleCommand(workspaceId, orgId, userId, request.role(), user.id()),
                user.id());
        return lookUpMember(orgId, workspaceId, userId).orElseThrow(() -> ApiException.notFound(
                "workspace-member-not-found", "No member " + userId + " in this workspace"));
    }

    @DeleteMapping("/{workspaceId}/members/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a member from a workspace (OWNER, ADMIN, the workspace's ADMIN)")
    @ProblemResponse(status = 403, codes = "insufficient-role")
    @ProblemResponse(status = 404, codes = {"workspace-not-found", "workspace-member-not-found"})
    @ProblemResponse(status = 409, codes = {"workspace-archived", "organization-closed"})
    void removeMember(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                      @PathVariable String workspaceId, @PathVariable String userId) {
        visible(orgId, workspaceId, user, access.require(orgId, user));
        commands.send(new RemoveWorkspaceMemberCommand(workspaceId, orgId, userId, user.id()), user.id());
    }

    /** The workspace as the caller may see it; not found for one they may not see, as for one that does not exist. */
    private WorkspaceView visible(String orgId, String workspaceId, AuthenticatedUser user, MemberView caller) {
        return lookUp(orgId, workspaceId, user, caller).orElseThrow(() -> ApiException.notFound(
                "workspace-not-found", "No workspace " + workspaceId + " among yours"));
    }

    private Optional<WorkspaceView> lookUp(String orgId, String workspaceId, AuthenticatedUser user,
                                           MemberView caller) {
        return queries.query(new FindWorkspaceQuery(orgId, workspaceId, user.id(), caller.role()),
                ResponseTypes.optionalInstanceOf(WorkspaceView.class)).join();
    }

    private Optional<WorkspaceMemberView> lookUpMember(String orgId, String workspaceId, String userId) {
        return queries.query(new FindWorkspaceMemberQuery(orgId, workspaceId, userId),
                ResponseTypes.optionalInstanceOf(WorkspaceMemberView.class)).join();
    }
}
