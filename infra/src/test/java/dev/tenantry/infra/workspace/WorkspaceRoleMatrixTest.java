package dev.tenantry.infra.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.RateLimitCounters;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which workspace endpoint, on a PRIVATE workspace. Each endpoint has an organization of its own
 * (on the pro plan, for the seats and workspaces the cast takes); each row a fresh workspace that the owner created,
 * with the workspace's ADMIN and EDITOR (both MEMBERs of the organization) in it. Each row checks the status, the
 * problem code of a refusal, and that the state changed exactly when the call succeeded.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WorkspaceRoleMatrixTest {

    /**
     * Expected HTTP status per endpoint (row) and caller (column). MEMBER, VIEWER and AUDITOR are members of the
     * organization outside the workspace: for them a private workspace does not exist.
     */
    private static final String MATRIX = """
            endpoint            OWNER  ADMIN  WS_ADMIN  WS_EDITOR  MEMBER  VIEWER  AUDITOR  NON_MEMBER  ANONYMOUS
            LIST                  200    200       200        200     200     200      200         404        401
            CREATE                201    201       201        201     201     403      403         404        401
            GET                   200    200       200        200     404     404      404         404        401
            PATCH                 200    200       200        403     404     404      404         404        401
            ARCHIVE               204    204       204        403     404     404      404         404        401
            RESTORE               200    200       200        403     404     404      404         404        401
            LIST_MEMBERS          200    200       200        200     404     404      404         404        401
            ADD_MEMBER            201    201       201        403     404     404      404         404        401
            CHANGE_MEMBER_ROLE    200    200       200        403     404     404      404         404        401
            REMOVE_MEMBER         204    204       204        403     404     404      404         404        401
            """;

    enum Caller { OWNER, ADMIN, WS_ADMIN, WS_EDITOR, MEMBER, VIEWER, AUDITOR, NON_MEMBER, ANONYMOUS }

    enum Endpoint { LIST, CREATE, GET, PATCH, ARCHIVE, RESTORE, LIST_MEMBERS, ADD_MEMBER, CHANGE_MEMBER_ROLE,
        REMOVE_MEMBER }

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private Team team;
    private final Map<Caller, User> cast = new EnumMap<>(Caller.class);
    private final Map<Endpoint, String> organizations = new EnumMap<>(Endpoint.class);

    @BeforeAll
    void registerTheCast() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        for (Caller caller : Caller.values()) {
            if (caller != Caller.ANONYMOUS) {
                cast.put(caller, api.register("Matrix " + caller));
            }
        }
    }

    static Stream<Arguments> matrix() {
        List<String> lines = MATRIX.lines().filter(line -> !line.isBlank()).toList();
        List<Caller> columns = Arrays.stream(lines.get(0).trim().split("\\s+")).skip(1).map(Caller::valueOf).toList();
        List<Arguments> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.trim().split("\\s+");
            for (int i = 0; i < columns.size(); i++) {
                rows.add(Arguments.of(Endpoint.valueOf(cells[0]), columns.get(i), Integer.parseInt(cells[i + 1])));
            }
        }
        return rows.stream();
    }

    @Test
    void theMatrixHasOneRowPerEndpointAndCaller() {
        Set<String> cells = matrix().map(row -> row.get()[0] + "/" + row.get()[1]).collect(Collectors.toSet());

        assertThat(cells).hasSize(Endpoint.values().length * Caller.values().length);
    }

    @ParameterizedTest(name = "{0} as {1} answers {2}")
    @MethodSource("matrix")
    void everyCallerGetsTheStatusOfTheMatrix(Endpoint endpoint, Caller caller, int expected) {
        Scene scene = newScene(endpoint, "PRIVATE");

        Response response = call(scene, endpoint, token(caller));

        assertThat(response.status()).as(endpoint + " as " + caller + ": " + response).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).as(response.toString()).isEqualTo(refusalCode(expected, caller));
        }
        verifyOutcome(scene, endpoint, caller, response, expected < 400);
    }

    @Test
    void anOrganizationWorkspaceIsReadByEveryMemberAndChangedOnlyByItsManagers() {
        Scene scene = newScene(Endpoint.PATCH, "ORGANIZATION");
        for (Caller reader : List.of(Caller.MEMBER, Caller.VIEWER, Caller.AUDITOR)) {
            assertThat(api.get(scene.path, token(reader)).status()).as(reader.name()).isEqualTo(200);
            assertThat(api.get(scene.path + "/members", token(reader)).status()).as(reader.name()).isEqualTo(200);
            Response patch = api.patch(scene.path, token(reader), Map.of("name", "Not yours"));
            assertThat(patch.status()).as(reader + ": " + patch).isEqualTo(403);
            assertThat(patch.text("code")).isEqualTo("insufficient-role");
        }
        assertThat(workspace(scene).path("name").asText()).isEqualTo(scene.name);
    }

    @Test
    void anOrganizationViewerWhoIsTheWorkspacesAdminStillChangesNothing() {
        Scene scene = newScene(Endpoint.ADD_MEMBER, "PRIVATE");
        add(scene, cast.get(Caller.VIEWER), "ADMIN");

        assertThat(api.get(scene.path, token(Caller.VIEWER)).text("myRole")).isEqualTo("ADMIN");
        Response patch = api.patch(scene.path, token(Caller.VIEWER), Map.of("name", "Viewer's"));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(403);
        assertThat(workspace(scene).path("name").asText()).isEqualTo(scene.name);
    }

    // --- the scene of one row ----------------------------------------------------------------------------------

    /** The endpoint's organization and the row's own workspace. */
    private record Scene(String orgId, String workspaceId, String name, String path, String createdName) {
    }

    private Scene newScene(Endpoint endpoint, String visibility) {
        String orgId = organizations.computeIfAbsent(endpoint, this::newOrganization);
        User owner = cast.get(Caller.OWNER);
        String name = "Row " + UUID.randomUUID().toString().substring(0, 8);
        Response created = api.post("/api/orgs/" + orgId + "/workspaces", owner.accessToken(),
                Map.of("name", name, "visibility", visibility));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String workspaceId = created.text("id");
        Scene scene = new Scene(orgId, workspaceId, name, "/api/orgs/" + orgId + "/workspaces/" + workspaceId,
                "Created " + UUID.randomUUID().toString().substring(0, 8));
        add(scene, cast.get(Caller.WS_ADMIN), "ADMIN");
        add(scene, cast.get(Caller.WS_EDITOR), "EDITOR");
        if (endpoint == Endpoint.RESTORE) {
            assertThat(api.delete(scene.path, owner.accessToken()).status()).isEqualTo(204);
        }
        return scene;
    }

    private String newOrganization(Endpoint endpoint) {
        User owner = cast.get(Caller.OWNER);
        RateLimitCounters.forget(jdbc, "organization-creation", owner.id());
        RateLimitCounters.forget(jdbc, "api", owner.id());
        String orgId = api.createOrganization(owner, "Workspace matrix " + endpoint + " "
                + UUID.randomUUID().toString().substring(0, 8));
        Instant now = Instant.now();
        commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(orgId), orgId, "evt_matrix",
                new StripeSubscriptionSnapshot("sub_" + orgId.substring(0, 8), "cus_" + orgId.substring(0, 8),
                        SubscriptionStatus.ACTIVE, "price_tenantry_pro_monthly", now.plusSeconds(86_400 * 30),
                        false, now)), owner.id());
        team.add(orgId, owner, cast.get(Caller.ADMIN), Role.ADMIN);
        team.add(orgId, owner, cast.get(Caller.WS_ADMIN), Role.MEMBER);
        team.add(orgId, owner, cast.get(Caller.WS_EDITOR), Role.MEMBER);
        team.add(orgId, owner, cast.get(Caller.MEMBER), Role.MEMBER);
        team.add(orgId, owner, cast.get(Caller.VIEWER), Role.VIEWER);
        team.add(orgId, owner, cast.get(Caller.AUDITOR), Role.AUDITOR);
        return orgId;
    }

    private void add(Scene scene, User user, String role) {
        Response added = api.post(scene.path + "/members", cast.get(Caller.OWNER).accessToken(),
                Map.of("userId", user.id(), "role", role));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
    }

    private String token(Caller caller) {
        User user = cast.get(caller);
        return user == null ? null : user.accessToken();
    }

    private static String refusalCode(int status, Caller caller) {
        return switch (status) {
            case 401 -> "authentication-required";
            case 403 -> "insufficient-role";
            case 404 -> caller == Caller.NON_MEMBER ? "organization-not-found" : "workspace-not-found";
            default -> throw new IllegalArgumentException("no refusal " + status);
        };
    }

    private Response call(Scene scene, Endpoint endpoint, String token) {
        String member = scene.path + "/members/" + cast.get(Caller.WS_EDITOR).id();
        return switch (endpoint) {
            case LIST -> api.get("/api/orgs/" + scene.orgId + "/workspaces?limit=100", token);
            case CREATE -> api.post("/api/orgs/" + scene.orgId + "/workspaces", token,
                    Map.of("name", scene.createdName));
            case GET -> api.get(scene.path, token);
            case PATCH -> api.patch(scene.path, token, Map.of("name", scene.name + " renamed"));
            case ARCHIVE -> api.delete(scene.path, token);
            case RESTORE -> api.post(scene.path + "/restore", token, null);
            case LIST_MEMBERS -> api.get(scene.path + "/members", token);
            case ADD_MEMBER -> api.post(scene.path + "/members", token,
                    Map.of("userId", cast.get(Caller.MEMBER).id(), "role", "VIEWER"));
            case CHANGE_MEMBER_ROLE -> api.patch(member, token, Map.of("role", "VIEWER"));
            case REMOVE_MEMBER -> api.delete(member, token);
        };
    }

    /** The state, read back as the owner, shows the call's effect exactly when it succeeded. */
    private void verifyOutcome(Scene scene, Endpoint endpoint, Caller caller, Response response, boolean succeeded) {
        JsonNode workspace = workspace(scene);
        Map<String, String> members = members(scene);
        switch (endpoint) {
            case LIST -> {
                if (succeeded) {
                    List<String> ids = new ArrayList<>();
                    response.body().path("items").forEach(item -> ids.add(item.path("id").asText()));
                    boolean sees = Set.of(Caller.OWNER, Caller.ADMIN, Caller.WS_ADMIN, Caller.WS_EDITOR)
                            .contains(caller);
                    assertThat(ids.contains(scene.workspaceId)).as(caller + " sees the private workspace")
                            .isEqualTo(sees);
                }
            }
            case CREATE -> assertThat(jdbc.queryForObject("select count(*) from workspace_view where tenant_id = ? "
                    + "and name = ?", Integer.class, scene.orgId, scene.createdName)).isEqualTo(succeeded ? 1 : 0);
            case GET -> {
                if (succeeded) {
                    assertThat(response.text("id")).isEqualTo(scene.workspaceId);
                }
            }
            case PATCH -> assertThat(workspace.path("name").asText())
                    .isEqualTo(succeeded ? scene.name + " renamed" : scene.name);
            case ARCHIVE -> assertThat(workspace.path("status").asText()).isEqualTo(succeeded ? "ARCHIVED" : "ACTIVE");
            case RESTORE -> assertThat(workspace.path("status").asText()).isEqualTo(succeeded ? "ACTIVE" : "ARCHIVED");
            case LIST_MEMBERS -> {
                if (succeeded) {
                    assertThat(response.body().path("items")).hasSize(3);
                }
            }
            case ADD_MEMBER -> assertThat(members.containsKey(cast.get(Caller.MEMBER).id())).isEqualTo(succeeded);
            case CHANGE_MEMBER_ROLE -> assertThat(members.get(cast.get(Caller.WS_EDITOR).id()))
                    .isEqualTo(succeeded ? "VIEWER" : "EDITOR");
            case REMOVE_MEMBER -> assertThat(members.containsKey(cast.get(Caller.WS_EDITOR).id()))
                    .isEqualTo(!succeeded);
        }
    }

    private JsonNode workspace(Scene scene) {
        Response response = api.get(scene.path, cast.get(Caller.OWNER).accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    /** userId → workspace role. */
    private Map<String, String> members(Scene scene) {
        Map<String, String> members = new HashMap<>();
        api.get(scene.path + "/members", cast.get(Caller.OWNER).accessToken()).body().path("items")
                .forEach(item -> members.put(item.path("userId").asText(), item.path("role").asText()));
        return members;
    }
}
