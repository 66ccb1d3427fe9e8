package dev.tenantry.infra.admin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Every read model, emptied and replayed from the first event, ends exactly as it was. */
@IntegrationTest
class ProjectionRebuildTest {

    private static final Map<String, String> READ_MODELS = Map.of(
            "organizations", "select * from organization_view order by tenant_id",
            "memberships", "select * from membership_view order by tenant_id, user_id",
            "user-profiles", "select * from user_profile_view order by user_id",
            "invitations", "select * from invitation_view order by invitation_id",
            "subscriptions", "select * from subscription_view order by tenant_id",
            "feature-overrides", "select * from feature_override_view order by tenant_id, feature",
            // Three counting tables: one row holding each whole table.
            "dashboard", """
                    select (select json_agg(d order by tenant_id, day) from dashboard_member_day d)::text as days,
                           (select json_agg(w order by tenant_id, week_start) from dashboard_invitation_week w)::text
                               as weeks,
                           (select json_agg(i order by invitation_id) from dashboard_invitation i)::text as invitations
                    """,
            // Workspaces, their members, the limit and the dashboard's workspace counts: one rebuild replays all.
            "workspaces", """
                    select (select json_agg(w order by workspace_id) from workspace_view w)::text as workspaces,
                           (select json_agg(m order by workspace_id, user_id) from workspace_member_view m)::text
                               as members,
                           (select json_agg(l order by tenant_id) from workspace_limit_view l)::text as limits,
                           (select json_agg(d order by tenant_id, day) from dashboard_workspace_day d)::text as days,
                           (select json_agg(a order by workspace_id, day) from dashboard_workspace_activity a)::text
                               as activity
                    """,
            "platform-analytics", """
                    select 'organization' as row_kind, tenant_id as id, to_jsonb(o)::text as content
                    from analytics_organization o
                    union all select 'period', period_id, to_jsonb(p)::text from analytics_paid_period p
                    union all select 'fact', event_id || ' ' || metric, to_jsonb(f)::text from analytics_fact f
                    order by 1, 2""");

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rebuildingEveryProjectionReproducesEveryReadModel() {
        ApiClient api = new ApiClient(port);
        Team team = new Team(api, commands);
        User owner = api.register("Rita Rebuild");
        String orgId = api.createOrganization(owner, "Rebuilt Co");
        User member = team.join(orgId, owner, Role.MEMBER, "Ray Member");
        api.patch("/api/orgs/" + orgId + "/members/" + member.id(), owner.accessToken(), Map.of("role", "VIEWER"));
        team.invite(orgId, owner, Team.newEmail("pending"), Role.ADMIN);
        api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Rebuilt Co Ltd"));
        String workspace = api.post("/api/orgs/" + orgId + "/workspaces", owner.accessToken(),
                Map.of("name", "Rebuilt plans", "visibility", "PRIVATE")).text("id");
        String workspacePath = "/api/orgs/" + orgId + "/workspaces/" + workspace;
        assertThat(api.post(workspacePath + "/members", owner.accessToken(),
                Map.of("userId", member.id(), "role", "EDITOR")).status()).isEqualTo(201);
        assertThat(api.patch(workspacePath, owner.accessToken(), Map.of("name", "Rebuilt roadmap")).status())
                .isEqualTo(200);
        assertThat(api.delete(workspacePath, owner.accessToken()).status()).isEqualTo(204);
        String admin = PlatformAdmin.accessToken(api);
        overrideFeature(api, admin, orgId, "analytics", true);
        overrideFeature(api, admin, orgId, "invitations", false);
        overrideFeature(api, admin, orgId, "beta-reports", true);
        assertThat(api.delete("/api/admin/orgs/" + orgId + "/features/beta-reports", admin).status()).isEqualTo(200);
        Map<String, List<Map<String, Object>>> before = snapshot();
        // Damage the read models: only a replay from the events can repair them.
        jdbc.update("update organization_view set name = 'Tampered' where tenant_id = ?", orgId);
        jdbc.update("delete from membership_view where tenant_id = ?", orgId);
        jdbc.update("delete from invitation_view where tenant_id = ?", orgId);
        jdbc.update("update dashboard_member_day set joined = joined + 5 where tenant_id = ?", orgId);
        jdbc.update("update feature_override_view set enabled = not enabled where tenant_id = ?", orgId);
        jdbc.update("delete from analytics_organization where tenant_id = ?", orgId);
        jdbc.update("delete from analytics_fact where tenant_id = ?", orgId);
        jdbc.update("update workspace_view set name = 'Tampered' where tenant_id = ?", orgId);
        jdbc.update("delete from workspace_member_view where tenant_id = ?", orgId);
        jdbc.update("update dashboard_workspace_day set created = created + 5 where tenant_id = ?", orgId);

        Response listed = api.get("/api/admin/projections", admin);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(names(listed)).containsAll(READ_MODELS.keySet()).noneMatch(name -> name.endsWith("SagaProcessor"));
        for (String name : READ_MODELS.keySet()) {
            Response rebuilt = api.post("/api/admin/projections/" + name + "/rebuild", admin, null);
            assertThat(rebuilt.status()).as(rebuilt.toString()).isEqualTo(202);
        }
        // Axon calls a processor "replaying" until it handles an event past the point of reset; caught up is lag 0.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Response status = api.get("/api/admin/projections", admin);
            for (JsonNode projection : status.body().path("items")) {
                if (READ_MODELS.containsKey(projection.path("name").asText())) {
                    assertThat(projection.path("error").asBoolean()).as(projection.toString()).isFalse();
                    assertThat(projection.path("lag").asLong()).as(projection.toString()).isZero();
                }
            }
        });

        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void onlyAPlatformAdminSeesOrRebuildsAndOnlyReadModels() {
        ApiClient api = new ApiClient(port);
        User someone = api.register("Nobody Special");
        assertThat(api.get("/api/admin/projections", someone.accessToken()).status()).isEqualTo(403);
        assertThat(api.post("/api/admin/projections/organizations/rebuild", someone.accessToken(), null).status())
                .isEqualTo(403);
        String admin = PlatformAdmin.accessToken(api);
        assertThat(api.post("/api/admin/projections/no-such-thing/rebuild", admin, null).status()).isEqualTo(404);
        assertThat(api.post("/api/admin/projections/CheckoutSagaProcessor/rebuild", admin, null).status())
                .isEqualTo(404);
        assertThat(api.post("/api/admin/projections/policy-billing-closure/rebuild", admin, null).status())
                .isEqualTo(404);
        assertThat(api.post("/api/admin/projections/live-updates/rebuild", admin, null).status())
                .as("relays to connected clients, from the head: nothing to rebuild").isEqualTo(404);
    }

    private static void overrideFeature(ApiClient api, String admin, String orgId, String key, boolean enabled) {
        Response response = api.sendRaw("PUT", "/api/admin/orgs/" + orgId + "/features/" + key, admin,
                "{\"enabled\":" + enabled + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private Map<String, List<Map<String, Object>>> snapshot() {
        Map<String, List<Map<String, Object>>> tables = new HashMap<>();
        READ_MODELS.forEach((name, sql) -> tables.put(name, jdbc.queryForList(sql)));
        return tables;
    }

    private static List<String> names(Response response) {
        return StreamSupport.stream(response.body().path("items").spliterator(), false)
                .map(item -> item.path("name").asText()).toList();
    }
}
