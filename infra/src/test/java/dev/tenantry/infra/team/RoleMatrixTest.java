package dev.tenantry.infra.team;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may call which team endpoint. Every row of {@link #MATRIX} runs against an organization of its own (the same
 * owner, admin, member and viewer, joined afresh) with a fresh target, so rows cannot affect one another; each row
 * checks the status, the problem code of a refusal, and that the state changed exactly when the call succeeded.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest {

    /**
     * Expected HTTP status per endpoint (row) and caller (column). The targets: a fresh pending invitation (revoke,
     * resend, list invitations), a fresh MEMBER (change role to VIEWER, remove, receive ownership).
     */
    private static final String MATRIX = """
            endpoint              OWNER  ADMIN  MEMBER  VIEWER  NON_MEMBER  ANONYMOUS
            LIST_MEMBERS            200    200     200     200         404        401
            INVITE                  201    201     403     403         404        401
            LIST_INVITATIONS        200    200     403     403         404        401
            REVOKE_INVITATION       204    204     403     403         404        401
            RESEND_INVITATION       200    200     403     403         404        401
            CHANGE_ROLE             200    200     403     403         404        401
            REMOVE_MEMBER           204    204     403     403         404        401
            LEAVE                   409    204     204     204         404        401
            TRANSFER_OWNERSHIP      200    403     403     403         404        401
            GET_ORGANIZATION        200    200     200     200         404        401
            PATCH_ORGANIZATION      200    200     403     403         404        401
            CLOSE_ORGANIZATION      204    403     403     403         404        401
            GET_FEATURES            200    200     200     200         404        401
            """;

    /** The problem code each refusal of the matrix must carry. */
    private static final Map<Integer, String> REFUSAL_CODES = Map.of(
            401, "authentication-required",
            403, "insufficient-role",
            404, "organization-not-found",
            409, "owner-cannot-leave");

    enum Caller { OWNER, ADMIN, MEMBER, VIEWER, NON_MEMBER, ANONYMOUS }

    enum Endpoint { LIST_MEMBERS, INVITE, LIST_INVITATIONS, REVOKE_INVITATION, RESEND_INVITATION, CHANGE_ROLE,
        REMOVE_MEMBER, LEAVE, TRANSFER_OWNERSHIP, GET_ORGANIZATION, PATCH_ORGANIZATION, CLOSE_ORGANIZATION,
        GET_FEATURES }

    @LocalServerPort
    int port;

    @Autowired
    CommandSender commands;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private Team team;
    private User owner;
    private User admin;
    private User member;
    private User viewer;
    private User outsider;
    /** Joins each row's organization as MEMBER where a row needs someone to act on. */
    private User target;

    @BeforeAll
    void registerTheCast() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        owner = api.register("Olga Owner");
        admin = api.register("Adam Admin");
        member = api.register("Mia Member");
        viewer = api.register("Vic Viewer");
        outsider = api.register("Otto Outsider");
        target = api.register("Tara Target");
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
        for (Endpoint endpoint : Endpoint.values()) {
            for (Caller caller : Caller.values()) {
                assertThat(cells).contains(endpoint + "/" + caller);
            }
        }
    }

    @ParameterizedTest(name = "{0} as {1} answers {2}")
    @MethodSource("matrix")
    void everyCallerGetsTheStatusOfTheMatrix(Endpoint endpoint, Caller caller, int expected) {
        Scene scene = newScene(endpoint);

        Response response = call(scene, endpoint, token(caller));

        assertThat(response.status()).as(endpoint + " as " + caller + ": " + response).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).as(response.toString()).isEqualTo(REFUSAL_CODES.get(expected));
        }
        verifyOutcome(scene, endpoint, caller, response, expected < 400);
        assertExactlyOneOwner(scene.orgId, endpoint == Endpoint.TRANSFER_OWNERSHIP && expected < 400
                ? target.id() : owner.id());
    }

    // --- the owner's role moves only by transfer ----------------------------------------------------------------

    @Test
    void anAdminInvitingSomeoneAsOwnerIsForbidden() {
        Scene scene = newScene(Endpoint.INVITE);

        Response response = api.post(invitations(scene), admin.accessToken(),
                Map.of("email", scene.freshEmail, "role", "OWNER"));

        assertProblem(response, 403, "owner-invitation-forbidden");
        assertThat(pending(scene)).isEmpty();
    }

    @Test
    void theOwnerInvitingSomeoneAsOwnerIsInvalid() {
        Scene scene = newScene(Endpoint.INVITE);

        Response response = api.post(invitations(scene), owner.accessToken(),
                Map.of("email", scene.freshEmail, "role", "OWNER"));

        assertProblem(response, 400, "owner-not-invitable");
        assertThat(pending(scene)).isEmpty();
    }

    @Test
    void makingSomeoneOwnerOrTheOwnerSomethingElseByRoleChangeNeedsATransfer() {
        Scene scene = newScene(Endpoint.CHANGE_ROLE);

        assertProblem(api.patch(memberPath(scene, target), owner.accessToken(), Map.of("role", "OWNER")),
                409, "ownership-transfer-required");
        assertProblem(api.patch(memberPath(scene, target), admin.accessToken(), Map.of("role", "OWNER")),
                409, "ownership-transfer-required");
        assertProblem(api.patch(memberPath(scene, owner), admin.accessToken(), Map.of("role", "MEMBER")),
                409, "ownership-transfer-required");
        assertProblem(api.patch(memberPath(scene, owner), owner.accessToken(), Map.of("role", "ADMIN")),
                409, "ownership-transfer-required");

        assertThat(roles(scene)).containsEntry(target.id(), "MEMBER").containsEntry(owner.id(), "OWNER");
        assertExactlyOneOwner(scene.orgId, owner.id());
    }

    @Test
    void theOwnerCannotBeRemovedByAnAdminNorByThemselves() {
        Scene scene = newScene(Endpoint.REMOVE_MEMBER);

        assertProblem(api.delete(memberPath(scene, owner), admin.accessToken()), 409, "owner-cannot-be-removed");
        assertProblem(api.delete(memberPath(scene, owner), owner.accessToken()), 409, "owner-cannot-be-removed");

        assertThat(roles(scene)).containsEntry(owner.id(), "OWNER");
        assertExactlyOneOwner(scene.orgId, owner.id());
    }

    @Test
    void theOwnerCannotLeave() {
        Scene scene = newScene(Endpoint.LEAVE);

        assertProblem(api.post(leavePath(scene), owner.accessToken(), null), 409, "owner-cannot-leave");

        assertThat(roles(scene)).containsEntry(owner.id(), "OWNER");
        assertExactlyOneOwner(scene.orgId, owner.id());
    }

    @Test
    void afterATransferTheOldOwnerIsAdminAndTheNewOneOwnerEverywhere() {
        Scene scene = newScene(Endpoint.TRANSFER_OWNERSHIP);
        assertExactlyOneOwner(scene.orgId, owner.id());

        Response transferred = api.post(ownershipPath(scene), owner.accessToken(), Map.of("userId", target.id()));

        assertThat(transferred.status()).as(transferred.toString()).isEqualTo(200);
        assertThat(transferred.text("ownerId")).isEqualTo(target.id());
        assertThat(api.get(orgPath(scene), admin.accessToken()).text("ownerId")).isEqualTo(target.id());
        assertThat(roles(scene)).containsEntry(owner.id(), "ADMIN").containsEntry(target.id(), "OWNER")
                .containsEntry(admin.id(), "ADMIN").containsEntry(member.id(), "MEMBER")
                .containsEntry(viewer.id(), "VIEWER").hasSize(5);
        assertExactlyOneOwner(scene.orgId, target.id());

        // The old owner now has an ADMIN's rights only; the new owner has the owner's.
        assertProblem(api.post(ownershipPath(scene), owner.accessToken(), Map.of("userId", owner.id())),
                403, "insufficient-role");
        assertProblem(api.post(leavePath(scene), target.accessToken(), null), 409, "owner-cannot-leave");
        assertExactlyOneOwner(scene.orgId, target.id());

        Response back = api.post(ownershipPath(scene), target.accessToken(), Map.of("userId", owner.id()));

        assertThat(back.status()).as(back.toString()).isEqualTo(200);
        assertThat(api.get(orgPath(scene), member.accessToken()).text("ownerId")).isEqualTo(owner.id());
        assertThat(roles(scene)).containsEntry(owner.id(), "OWNER").containsEntry(target.id(), "ADMIN");
        assertExactlyOneOwner(scene.orgId, owner.id());
    }

    // --- the scene of one row --------------------------------------------------------------------------------------

    /** One organization with the cast, and what the endpoint acts on. */
    private record Scene(String orgId, String orgName, Team.Invitation invitation, String freshEmail) {
    }

    private Scene newScene(Endpoint endpoint) {
        String name = "Matrix " + endpoint + " " + UUID.randomUUID().toString().substring(0, 8);
        // One owner founds an organization per row, more than one user may in an hour, and calls a lot.
        RateLimitCounters.forget(jdbc, "organization-creation", owner.id());
        RateLimitCounters.forget(jdbc, "api", owner.id());
        String orgId = api.createOrganization(owner, name);
        team.add(orgId, owner, admin, Role.ADMIN);
        team.add(orgId, owner, member, Role.MEMBER);
        team.add(orgId, owner, viewer, Role.VIEWER);
        Team.Invitation invitation = null;
        switch (endpoint) {
            case LIST_INVITATIONS, REVOKE_INVITATION, RESEND_INVITATION ->
                    invitation = team.invite(orgId, owner, Team.newEmail("Ivy Invitee"), Role.MEMBER);
            case CHANGE_ROLE, REMOVE_MEMBER, TRANSFER_OWNERSHIP -> team.add(orgId, owner, target, Role.MEMBER);
            default -> {
            }
        }
        return new Scene(orgId, name, invitation, Team.newEmail("Nina Newcomer"));
    }

    private String token(Caller caller) {
        User user = user(caller);
        return user == null ? null : user.accessToken();
    }

    private User user(Caller caller) {
        return switch (caller) {
            case OWNER -> owner;
            case ADMIN -> admin;
            case MEMBER -> member;
            case VIEWER -> viewer;
            case NON_MEMBER -> outsider;
            case ANONYMOUS -> null;
        };
    }

    private Response call(Scene scene, Endpoint endpoint, String token) {
        return switch (endpoint) {
            case LIST_MEMBERS -> api.get(orgPath(scene) + "/members", token);
            case INVITE -> api.post(invitations(scene), token, Map.of("email", scene.freshEmail, "role", "MEMBER"));
            case LIST_INVITATIONS -> api.get(invitations(scene), token);
            case REVOKE_INVITATION -> api.delete(invitations(scene) + "/" + scene.invitation.id(), token);
            case RESEND_INVITATION -> api.post(invitations(scene) + "/" + scene.invitation.id() + "/resend", token,
                    null);
            case CHANGE_ROLE -> api.patch(memberPath(scene, target), token, Map.of("role", "VIEWER"));
            case REMOVE_MEMBER -> api.delete(memberPath(scene, target), token);
            case LEAVE -> api.post(leavePath(scene), token, null);
            case TRANSFER_OWNERSHIP -> api.post(ownershipPath(scene), token, Map.of("userId", target.id()));
            case GET_ORGANIZATION -> api.get(orgPath(scene), token);
            case PATCH_ORGANIZATION -> api.patch(orgPath(scene), token, Map.of("name", scene.orgName + " renamed"));
            case CLOSE_ORGANIZATION -> api.delete(orgPath(scene), token);
            case GET_FEATURES -> api.get(orgPath(scene) + "/features", token);
        };
    }

    /** The state, read back as the owner (who can never have left), shows the call's effect exactly when it succeeded. */
    private void verifyOutcome(Scene scene, Endpoint endpoint, Caller caller, Response response, boolean succeeded) {
        Map<String, String> roles = roles(scene);
        switch (endpoint) {
            case LIST_MEMBERS -> {
                if (succeeded) {
                    assertThat(ids(response.body().path("items"), "userId"))
                            .containsExactlyInAnyOrder(owner.id(), admin.id(), member.id(), viewer.id());
                }
            }
            case INVITE -> {
                if (succeeded) {
                    assertThat(response.text("email")).isEqualTo(scene.freshEmail);
                    assertThat(response.text("status")).isEqualTo("PENDING");
                    assertThat(pending(scene)).containsExactly(scene.freshEmail);
                } else {
                    assertThat(pending(scene)).isEmpty();
                }
            }
            case LIST_INVITATIONS -> {
                if (succeeded) {
                    assertThat(ids(response.body().path("items"), "id")).containsExactly(scene.invitation.id());
                }
            }
            case REVOKE_INVITATION -> {
                assertThat(pending(scene)).isEqualTo(succeeded ? List.of() : List.of(scene.invitation.email()));
                assertThat(api.get(linkPath(scene.invitation.token()), null).status())
                        .isEqualTo(succeeded ? 409 : 200);
            }
            case RESEND_INVITATION -> {
                assertThat(pending(scene)).containsExactly(scene.invitation.email());
                // A resend issues a new link: the old one stops working.
                assertThat(api.get(linkPath(scene.invitation.token()), null).status())
                        .isEqualTo(succeeded ? 404 : 200);
            }
            case CHANGE_ROLE -> {
                assertThat(roles).containsEntry(target.id(), succeeded ? "VIEWER" : "MEMBER");
                if (succeeded) {
                    assertThat(response.text("role")).isEqualTo("VIEWER");
                }
            }
            case REMOVE_MEMBER -> {
                if (succeeded) {
                    assertThat(roles).doesNotContainKey(target.id());
                } else {
                    assertThat(roles).containsEntry(target.id(), "MEMBER");
                }
            }
            case LEAVE -> {
                User leaver = user(caller);
                if (succeeded) {
                    assertThat(roles).doesNotContainKey(leaver.id()).hasSize(3);
                } else {
                    assertThat(roles).hasSize(4);
                }
            }
            case TRANSFER_OWNERSHIP -> {
                String ownerId = api.get(orgPath(scene), owner.accessToken()).text("ownerId");
                if (succeeded) {
                    assertThat(ownerId).isEqualTo(target.id());
                    assertThat(response.text("ownerId")).isEqualTo(target.id());
                    assertThat(roles).containsEntry(owner.id(), "ADMIN").containsEntry(target.id(), "OWNER");
                } else {
                    assertThat(ownerId).isEqualTo(owner.id());
                    assertThat(roles).containsEntry(owner.id(), "OWNER").containsEntry(target.id(), "MEMBER");
                }
            }
            case GET_ORGANIZATION -> {
                if (succeeded) {
                    assertThat(response.text("id")).isEqualTo(scene.orgId);
                    assertThat(response.text("name")).isEqualTo(scene.orgName);
                }
            }
            case PATCH_ORGANIZATION -> assertThat(api.get(orgPath(scene), owner.accessToken()).text("name"))
                    .isEqualTo(succeeded ? scene.orgName + " renamed" : scene.orgName);
            case CLOSE_ORGANIZATION -> assertThat(api.get(orgPath(scene), owner.accessToken()).text("status"))
                    .isEqualTo(succeeded ? "CLOSED" : "ACTIVE");
            case GET_FEATURES -> {
                if (succeeded) {
                    assertThat(response.text("organizationId")).isEqualTo(scene.orgId);
                    assertThat(response.text("plan")).isEqualTo("free");
                } else {
                    assertThat(response.body().has("features")).isFalse();
                }
            }
        }
        if (!EnumSet.of(Endpoint.LEAVE, Endpoint.REMOVE_MEMBER, Endpoint.TRANSFER_OWNERSHIP, Endpoint.CHANGE_ROLE)
                .contains(endpoint)) {
            assertThat(roles).containsEntry(owner.id(), "OWNER").containsEntry(admin.id(), "ADMIN")
                    .containsEntry(member.id(), "MEMBER").containsEntry(viewer.id(), "VIEWER").hasSize(4);
        }
    }

    // --- reading back ------------------------------------------------------------------------------------------

    /** userId → role of the active members, as the owner (or, after a transfer, the old owner) sees them. */
    private Map<String, String> roles(Scene scene) {
        return roles(scene.orgId);
    }

    private Map<String, String> roles(String orgId) {
        Response members = api.get("/api/orgs/" + orgId + "/members", owner.accessToken());
        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        Map<String, String> roles = new LinkedHashMap<>();
        members.body().path("items").forEach(item -> roles.put(item.path("userId").asText(),
                item.path("role").asText()));
        return roles;
    }

    private void assertExactlyOneOwner(String orgId, String expectedOwnerId) {
        Map<String, String> roles = roles(orgId);
        assertThat(roles.entrySet().stream().filter(entry -> entry.getValue().equals("OWNER")).map(Map.Entry::getKey))
                .as("owners of " + orgId + " in " + roles).containsExactly(expectedOwnerId);
    }

    /** Emails of the pending invitations. */
    private List<String> pending(Scene scene) {
        Response pending = api.get(invitations(scene), owner.accessToken());
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        return ids(pending.body().path("items"), "email");
    }

    private static List<String> ids(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path(field).asText()).toList();
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
    }

    private static String orgPath(Scene scene) {
        return "/api/orgs/" + scene.orgId;
    }

    private static String invitations(Scene scene) {
        return orgPath(scene) + "/invitations";
    }

    private static String memberPath(Scene scene, User user) {
        return orgPath(scene) + "/members/" + user.id();
    }

    private static String leavePath(Scene scene) {
        return orgPath(scene) + "/members/me/leave";
    }

    private static String ownershipPath(Scene scene) {
        return orgPath(scene) + "/ownership";
    }

    private static String linkPath(String token) {
        return "/api/invitations/" + token;
    }
}
