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
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Workspaces over HTTP on the real database, from the organization's creation to its closure. */
@IntegrationTest
class WorkspaceJourneyTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private Team team;
    private User owner;
    private User mia;
    private User max;
    private String orgId;

    @BeforeEach
    void anOrganizationWithTwoMembers() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        owner = api.register("Wanda Workspaces");
        orgId = api.createOrganization(owner, "Workspaced " + UUID.randomUUID().toString().substring(0, 8));
        mia = team.join(orgId, owner, Role.MEMBER, "Mia Member");
        max = team.join(orgId, owner, Role.MEMBER, "Max Member");
    }

    @Test
    void fromTheDefaultWorkspaceThroughPrivacyArchiveRestoreAndTheLimitToAnUpgrade() {
        // A new organization has its default workspace, managed by its founder.
        JsonNode defaults = list(owner, "").path("items");
        assertThat(defaults).hasSize(1);
        assertThat(defaults.get(0).path("name").asText()).isEqualTo("General");
        assertThat(defaults.get(0).path("isDefault").asBoolean()).isTrue();
        assertThat(defaults.get(0).path("visibility").asText()).isEqualTo("ORGANIZATION");
        assertThat(defaults.get(0).path("myRole").asText()).isEqualTo("ADMIN");
        assertThat(defaults.get(0).path("memberCount").asInt()).isEqualTo(1);
        assertThat(list(mia, "").path("items")).extracting(item -> item.path("name").asText())
                .containsExactly("General");

        // A private workspace, with Mia in it.
        Response created = api.post(workspaces(), owner.accessToken(),
                Map.of("name", "  Roadmap ", "description", "What comes next", "visibility", "PRIVATE"));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String roadmap = created.text("id");
        assertThat(created.header("Location")).isEqualTo(workspaces() + "/" + roadmap);
        assertThat(created.text("name")).isEqualTo("Roadmap");
        assertThat(created.text("createdBy")).isEqualTo(owner.id());
        assertThat(created.text("createdAt")).isNotBlank();
        assertThat(created.body().has("archivedAt")).isFalse();
        assertProblem(api.post(workspaces(), mia.accessToken(), Map.of("name", "ROADMAP")), 409,
                "workspace-name-taken");

        Response added = api.post(workspace(roadmap) + "/members", owner.accessToken(),
                Map.of("userId", mia.id(), "role", "EDITOR"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        assertThat(added.text("role")).isEqualTo("EDITOR");
        assertThat(added.text("email")).isEqualTo(mia.email());
        assertProblem(api.post(workspace(roadmap) + "/members", owner.accessToken(),
                Map.of("userId", api.register("Otto Outsider").id(), "role", "VIEWER")), 404, "member-not-found");

        // Mia sees it, as an EDITOR who reads; Max, outside it, does not even learn that it exists.
        Response asMia = api.get(workspace(roadmap), mia.accessToken());
        assertThat(asMia.status()).isEqualTo(200);
        assertThat(asMia.text("myRole")).isEqualTo("EDITOR");
        assertThat(asMia.body().path("memberCount").asInt()).isEqualTo(2);
        assertProblem(api.patch(workspace(roadmap), mia.accessToken(), Map.of("name", "Mine")), 403,
                "insufficient-role");
        assertProblem(api.get(workspace(roadmap), max.accessToken()), 404, "workspace-not-found");
        assertProblem(api.get(workspace(roadmap) + "/members", max.accessToken()), 404, "workspace-not-found");
        assertThat(names(list(max, ""))).containsExactly("General");
        assertThat(names(list(mia, ""))).containsExactly("General", "Roadmap");
        assertThat(names(list(owner, "?q=road"))).containsExactly("Roadmap");

        // Archived: read-only, out of the active list, and no longer counted.
        assertThat(api.delete(workspace(roadmap), owner.accessToken()).status()).isEqualTo(204);
        assertThat(names(list(owner, ""))).containsExactly("General");
        assertThat(names(list(owner, "?status=archived"))).containsExactly("Roadmap");
        assertThat(names(list(owner, "?status=all"))).containsExactly("General", "Roadmap");
        assertThat(api.get(workspace(roadmap), owner.accessToken()).text("archivedAt")).isNotBlank();
        assertProblem(api.patch(workspace(roadmap), owner.accessToken(), Map.of("name", "Later")), 409,
                "workspace-archived");
        assertProblem(api.post(workspace(roadmap) + "/members", owner.accessToken(),
                Map.of("userId", max.id(), "role", "VIEWER")), 409, "workspace-archived");

        Response restored = api.post(workspace(roadmap) + "/restore", owner.accessToken(), null);
        assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
        assertThat(restored.text("status")).isEqualTo("ACTIVE");
        assertThat(restored.body().has("archivedAt")).isFalse();
        assertProblem(api.post(workspace(roadmap) + "/restore", owner.accessToken(), null), 409,
                "workspace-not-archived");

        // The free plan allows three active workspaces, the default one included.
        Response third = api.post(workspaces(), mia.accessToken(), Map.of("name", "Mia's corner"));
        assertThat(third.status()).as(third.toString()).isEqualTo(201);
        assertThat(third.text("myRole")).as("the creator is its ADMIN").isEqualTo("ADMIN");
        assertProblem(api.post(workspaces(), owner.accessToken(), Map.of("name", "Fourth")), 409,
                "workspace-limit-reached");
        assertThat(dashboard().path("workspaces").path("limit").asInt()).isEqualTo(3);
        assertThat(dashboard().path("workspaces").path("active").asInt()).isEqualTo(3);

        // Pro allows 25; falling back to the free plan archives nothing but blocks new ones again.
        Instant start = Instant.now().minusSeconds(600);
        stripeSays(SubscriptionStatus.ACTIVE, start);
        Response fourth = api.post(workspaces(), owner.accessToken(), Map.of("name", "Fourth"));
        assertThat(fourth.status()).as(fourth.toString()).isEqualTo(201);
        assertThat(dashboard().path("workspaces").path("limit").asInt()).isEqualTo(25);
        stripeSays(SubscriptionStatus.CANCELED, start.plusSeconds(60));
        assertThat(dashboard().path("workspaces").path("limit").asInt()).isEqualTo(3);
        assertThat(names(list(owner, ""))).hasSize(4);
        assertProblem(api.post(workspaces(), owner.accessToken(), Map.of("name", "Fifth")), 409,
                "workspace-limit-reached");

        JsonNode dashboard = dashboard();
        assertThat(dashboard.path("workspaces").path("active").asInt()).isEqualTo(4);
        assertThat(dashboard.path("workspaces").path("archived").asInt()).isZero();
        // Summed over the series, not read off today's point: the journey may run across midnight UTC.
        JsonNode overTime = dashboard.path("workspacesOverTime");
        assertThat(last(overTime).path("active").asInt()).isEqualTo(4);
        assertThat(sum(overTime, "created")).isEqualTo(4);
        assertThat(sum(overTime, "archived")).isEqualTo(1);
        assertThat(dashboard.path("mostActiveWorkspaces")).extracting(item -> item.path("name").asText())
                .as("the private Roadmap is named to nobody here").doesNotContain("Roadmap")
                .contains("General", "Mia's corner", "Fourth");

        // The organization as it was: its workspaces and their members.
        JsonNode state = api.get("/api/orgs/" + orgId + "/audit/state?at=" + Instant.now(), owner.accessToken())
                .body();
        assertThat(state.path("workspaceLimit").asInt()).isEqualTo(3);
        List<String> stateNames = new ArrayList<>();
        state.path("workspaces").forEach(workspace -> stateNames.add(workspace.path("name").asText()));
        assertThat(stateNames).containsExactly("General", "Roadmap", "Mia's corner", "Fourth");
        assertThat(state.path("workspaces").get(1).path("members").toString()).contains(mia.id()).contains("EDITOR");
    }

    @Test
    void someoneWhoLeavesTheOrganizationLeavesItsWorkspacesAndClosingItArchivesThem() {
        String roadmap = api.post(workspaces(), owner.accessToken(), Map.of("name", "Roadmap")).text("id");
        assertThat(api.post(workspace(roadmap) + "/members", owner.accessToken(),
                Map.of("userId", max.id(), "role", "ADMIN")).status()).isEqualTo(201);
        assertThat(api.post(workspace(roadmap) + "/members", max.accessToken(),
                Map.of("userId", mia.id(), "role", "VIEWER")).status()).as("a workspace ADMIN adds members")
                .isEqualTo(201);

        assertThat(api.post("/api/orgs/" + orgId + "/members/me/leave", max.accessToken(), null).status())
                .isEqualTo(204);

        // The read model drops them at once; the policy makes the workspace itself agree.
        assertThat(memberIds(roadmap)).containsExactlyInAnyOrder(owner.id(), mia.id());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from workspace_member_roster where workspace_id = ? and user_id = ?", Integer.class,
                roadmap, max.id())).isZero());
        // Its last workspace ADMIN gone (the owner created it: remove them too), the organization's admins manage it.
        assertThat(api.delete(workspace(roadmap) + "/members/" + owner.id(), owner.accessToken()).status())
                .isEqualTo(204);
        assertThat(api.patch(workspace(roadmap), owner.accessToken(), Map.of("visibility", "PRIVATE")).status())
                .isEqualTo(200);
        assertThat(api.get(workspace(roadmap), owner.accessToken()).text("myRole")).isNull();

        assertThat(api.delete("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(list(owner, "?status=archived")
                .path("items")).extracting(item -> item.path("name").asText())
                .containsExactlyInAnyOrder("General", "Roadmap"));
        assertThat(list(owner, "").path("items")).isEmpty();
        assertProblem(api.post(workspace(roadmap) + "/restore", owner.accessToken(), null), 409,
                "organization-closed");
    }

    @Test
    void everyWorkspaceEventCountsOnceAsActivity() {
        // General: created, its founder added. Ops: created, its creator added, renamed, described, made private and
        // public again, Mia added, her role changed, Mia removed.
        Response ops = api.post(workspaces(), owner.accessToken(), Map.of("name", "Ops"));
        assertThat(ops.status()).as(ops.toString()).isEqualTo(201);
        String path = workspaces() + "/" + ops.body().path("id").asText();
        assertThat(api.patch(path, owner.accessToken(), Map.of("name", "Operations")).status()).isEqualTo(200);
        assertThat(api.patch(path, owner.accessToken(), Map.of("description", "Runbooks")).status()).isEqualTo(200);
        assertThat(api.patch(path, owner.accessToken(), Map.of("visibility", "PRIVATE")).status()).isEqualTo(200);
        assertThat(api.patch(path, owner.accessToken(), Map.of("visibility", "ORGANIZATION")).status())
                .isEqualTo(200);
        assertThat(api.post(path + "/members", owner.accessToken(), Map.of("userId", mia.id(), "role", "VIEWER"))
                .status()).isEqualTo(201);
        assertThat(api.patch(path + "/members/" + mia.id(), owner.accessToken(), Map.of("role", "EDITOR")).status())
                .isEqualTo(200);
        assertThat(api.delete(path + "/members/" + mia.id(), owner.accessToken()).status()).isEqualTo(204);

        Map<String, Integer> events = new java.util.HashMap<>();
        dashboard().path("mostActiveWorkspaces").forEach(item ->
                events.put(item.path("name").asText(), item.path("events").asInt()));
        assertThat(events).containsEntry("General", 2).containsEntry("Operations", 9);
    }

    @Test
    void listsArePagedWithACursor() {
        stripeSays(SubscriptionStatus.ACTIVE, Instant.now().minusSeconds(600));
        for (String name : List.of("Alpha", "Bravo", "Charlie", "Delta")) {
            assertThat(api.post(workspaces(), owner.accessToken(), Map.of("name", name)).status()).isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonNode page = list(owner, "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            page.path("items").forEach(item -> seen.add(item.path("name").asText()));
            cursor = page.path("nextCursor").isMissingNode() || page.path("nextCursor").isNull() ? null
                    : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null);

        assertThat(seen).containsExactly("Alpha", "Bravo", "Charlie", "Delta", "General");
        assertThat(pages).isEqualTo(3);
        assertProblem(api.get(workspaces() + "?cursor=not-a-cursor", owner.accessToken()), 400, "invalid-cursor");
        assertProblem(api.get(workspaces() + "?limit=0", owner.accessToken()), 400, "invalid-limit");
        assertProblem(api.get(workspaces() + "?status=gone", owner.accessToken()), 400, "invalid-status");
    }

    @Test
    void anotherOrganizationsWorkspaceIsNotFoundThroughOnesOwn() {
        String roadmap = api.post(workspaces(), owner.accessToken(), Map.of("name", "Roadmap")).text("id");
        User stranger = api.register("Stella Stranger");
        String otherOrg = api.createOrganization(stranger, "Elsewhere " + UUID.randomUUID().toString().substring(0, 8));
        String throughOther = "/api/orgs/" + otherOrg + "/workspaces/" + roadmap;

        assertProblem(api.get(throughOther, stranger.accessToken()), 404, "workspace-not-found");
        assertProblem(api.patch(throughOther, stranger.accessToken(), Map.of("name", "Mine")), 404,
                "workspace-not-found");
        assertProblem(api.delete(throughOther, stranger.accessToken()), 404, "workspace-not-found");
        assertProblem(api.post(throughOther + "/members", stranger.accessToken(),
                Map.of("userId", stranger.id(), "role", "ADMIN")), 404, "workspace-not-found");
        assertProblem(api.get(workspace(roadmap), stranger.accessToken()), 404, "organization-not-found");
        assertThat(api.get(workspace(roadmap), owner.accessToken()).text("name")).isEqualTo("Roadmap");
        assertThat(memberIds(roadmap)).containsExactly(owner.id());
    }

    @Test
    void plansShowTheirWorkspaceLimit() {
        JsonNode plans = api.get("/api/plans", null).body().path("items");
        Map<String, JsonNode> byKey = new java.util.HashMap<>();
        plans.forEach(plan -> byKey.put(plan.path("key").asText(), plan));
        assertThat(byKey.get("free").path("workspaceLimit").asInt()).isEqualTo(3);
        assertThat(byKey.get("pro").path("workspaceLimit").asInt()).isEqualTo(25);
        assertThat(byKey.get("enterprise").has("workspaceLimit")).as("unlimited").isFalse();
    }

    private void stripeSays(SubscriptionStatus status, Instant observedAt) {
        commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(orgId), orgId, "evt_" + status,
                new StripeSubscriptionSnapshot("sub_" + orgId.substring(0, 8), "cus_" + orgId.substring(0, 8),
                        status, "price_tenantry_pro_monthly",
                        observedAt.plusSeconds(86_400 * 30), false, observedAt)), owner.id());
    }

    private String workspaces() {
        return "/api/orgs/" + orgId + "/workspaces";
    }

    private String workspace(String workspaceId) {
        return workspaces() + "/" + workspaceId;
    }

    private JsonNode list(User user, String query) {
        Response response = api.get(workspaces() + query, user.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private List<String> memberIds(String workspaceId) {
        List<String> ids = new ArrayList<>();
        api.get(workspace(workspaceId) + "/members", owner.accessToken()).body().path("items")
                .forEach(item -> ids.add(item.path("userId").asText()));
        return ids;
    }

    private static List<String> names(JsonNode page) {
        List<String> names = new ArrayList<>();
        page.path("items").forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    private JsonNode dashboard() {
        return api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body();
    }

    private static JsonNode last(JsonNode array) {
        return array.get(array.size() - 1);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
    }

    private static int sum(JsonNode points, String field) {
        int total = 0;
        for (JsonNode point : points) {
            total += point.path(field).asInt();
        }
        return total;
    }
}
