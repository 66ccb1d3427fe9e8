package dev.tenantry.infra.feature;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform admins' per-organization overrides and the effective features every member reads, over HTTP on the
 * real database. The free plan grants members and invitations (application.yml).
 */
@IntegrationTest
class FeatureFlagApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    User owner;
    String orgId;
    String admin;

    @BeforeEach
    void anOrganizationOnTheFreePlan() {
        api = new ApiClient(port);
        owner = api.register("Flo Flags");
        orgId = api.createOrganization(owner, "Flagged Co");
        admin = PlatformAdmin.accessToken(api);
    }

    private String flagPath(String key) {
        return "/api/admin/orgs/" + orgId + "/features/" + key;
    }

    private Response put(String path, String token, String rawBody) {
        return api.sendRaw("PUT", path, token, rawBody);
    }

    private Response override(String key, boolean enabled) {
        Response response = put(flagPath(key), admin, "{\"enabled\":" + enabled + "}");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response;
    }

    private JsonNode features(User member) {
        Response response = api.get("/api/orgs/" + orgId + "/features", member.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }

    private static List<String> keys(JsonNode featureSet) {
        return StreamSupport.stream(featureSet.path("features").spliterator(), false).map(JsonNode::asText).toList();
    }

    private static JsonNode flag(JsonNode featureSet, String key) {
        for (JsonNode flag : featureSet.path("flags")) {
            if (flag.path("key").asText().equals(key)) {
                return flag;
            }
        }
        return null;
    }

    private int storedOverrideEvents() {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry where aggregate_identifier = ?
                and (payload_type like '%.FeatureOverriddenEvent' or payload_type like '%.FeatureOverrideRemovedEvent')""",
                Integer.class, orgId);
    }

    private static void assertProblem(Response response, int status, String code, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).as(response.toString()).isEqualTo(code);
        if (field != null) {
            assertThat(response.text("field")).as(response.toString()).isEqualTo(field);
        }
    }

    @Test
    void aNewOrganizationHasItsPlansFeatures() {
        JsonNode set = features(owner);

        assertThat(set.path("organizationId").asText()).isEqualTo(orgId);
        assertThat(set.path("plan").asText()).isEqualTo("free");
        assertThat(set.path("fellBackToFree").asBoolean()).isFalse();
        assertThat(keys(set)).containsExactly("invitations", "members");
        assertThat(flag(set, "members").path("source").asText()).isEqualTo("plan");
        assertThat(flag(set, "members").path("enabled").asBoolean()).isTrue();
        assertThat(flag(set, "members").has("overriddenAt")).isFalse();
    }

    @Test
    void aPlatformAdminTurnsFeaturesOnAndOffAndRemovesTheOverrides() {
        Response enabled = override("analytics", true);
        assertThat(keys(enabled.body())).containsExactly("analytics", "invitations", "members");
        JsonNode analytics = flag(enabled.body(), "analytics");
        assertThat(analytics.path("source").asText()).isEqualTo("override");
        assertThat(analytics.path("enabled").asBoolean()).isTrue();
        assertThat(analytics.path("grantedByPlan").asBoolean()).isFalse();
        assertThat(Instant.parse(analytics.path("overriddenAt").asText())).isBefore(Instant.now().plusSeconds(1));

        Response disabled = override("invitations", false);
        assertThat(keys(disabled.body())).containsExactly("analytics", "members");
        assertThat(flag(disabled.body(), "invitations").path("enabled").asBoolean()).isFalse();
        assertThat(flag(disabled.body(), "invitations").path("grantedByPlan").asBoolean()).isTrue();
        assertThat(flag(disabled.body(), "invitations").path("source").asText()).isEqualTo("override");
        // Every member reads the same set.
        assertThat(features(owner)).isEqualTo(disabled.body());

        Response removed = api.delete(flagPath("invitations"), admin);
        assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
        assertThat(keys(removed.body())).containsExactly("analytics", "invitations", "members");
        assertThat(flag(removed.body(), "invitations").path("source").asText()).isEqualTo("plan");

        Response removedToo = api.delete(flagPath("analytics"), admin);
        assertThat(removedToo.status()).as(removedToo.toString()).isEqualTo(200);
        assertThat(keys(removedToo.body())).containsExactly("invitations", "members");
        assertThat(flag(removedToo.body(), "analytics")).isNull();
        assertThat(features(owner)).isEqualTo(removedToo.body());
        assertThat(storedOverrideEvents()).isEqualTo(4);
    }

    @Test
    void settingTheSameValueAgainAnswersTheSameAndRecordsNoEvent() {
        override("beta-reports", true);
        assertThat(storedOverrideEvents()).isEqualTo(1);

        Response again = override("beta-reports", true);

        assertThat(keys(again.body())).contains("beta-reports");
        assertThat(storedOverrideEvents()).isEqualTo(1);
        // Switching it off is a change, and is recorded.
        assertThat(keys(override("beta-reports", false).body())).doesNotContain("beta-reports");
        assertThat(storedOverrideEvents()).isEqualTo(2);
    }

    @Test
    void removingAnOverrideThatDoesNotExistIsA404NamingTheKey() {
        Response missing = api.delete(flagPath("analytics"), admin);

        assertProblem(missing, 404, "feature-override-not-found", "key");
        override("analytics", true);
        assertThat(api.delete(flagPath("analytics"), admin).status()).isEqualTo(200);
        assertProblem(api.delete(flagPath("analytics"), admin), 404, "feature-override-not-found", "key");
        assertThat(storedOverrideEvents()).isEqualTo(2);
    }

    @Test
    void badInputIsAProblemNamingTheFieldAndChangesNothing() {
        JsonNode before = features(owner);
        List<Response> badKeys = new ArrayList<>();
        for (String key : new String[]{"Analytics", "beta_x", "-beta", "beta.x", "beta%20x", "a".repeat(64)}) {
            badKeys.add(put(flagPath(key), admin, "{\"enabled\":true}"));
            badKeys.add(api.delete(flagPath(key), admin));
        }
        badKeys.forEach(response -> assertProblem(response, 400, "invalid-feature-key", "key"));

        assertProblem(put(flagPath("analytics"), admin, ""), 400, "validation-failed", "enabled");
        assertProblem(put(flagPath("analytics"), admin, "{}"), 400, "validation-failed", "enabled");
        assertProblem(put(flagPath("analytics"), admin, "{\"enabled\":null}"), 400, "validation-failed", "enabled");
        assertProblem(put(flagPath("analytics"), admin, "{\"enable\":true}"), 400, "validation-failed", "enabled");
        assertProblem(put(flagPath("analytics"), admin, "[true]"), 400, "validation-failed", "enabled");
        for (String notBoolean : new String[]{"\"true\"", "\"yes\"", "1", "0", "{}", "[true]"}) {
            assertProblem(put(flagPath("analytics"), admin, "{\"enabled\":" + notBoolean + "}"), 400,
                    "invalid-value", "enabled");
        }
        assertProblem(put(flagPath("analytics"), admin, "{\"enabled\":tru"), 400, "malformed-json", null);

        assertThat(storedOverrideEvents()).isZero();
        assertThat(features(owner)).isEqualTo(before);
    }

    @Test
    void anUnknownOrganizationIsA404AndAClosedOneA409() {
        for (String unknown : new String[]{UUID.randomUUID().toString(), "not-an-id"}) {
            String path = "/api/admin/orgs/" + unknown + "/features";
            assertProblem(put(path + "/analytics", admin, "{\"enabled\":true}"), 404, "organization-not-found", null);
            assertProblem(api.delete(path + "/analytics", admin), 404, "organization-not-found", null);
            assertProblem(api.get(path, admin), 404, "organization-not-found", null);
        }
        override("analytics", true);
        assertThat(api.delete("/api/orgs/" + orgId, owner.accessToken()).status()).isEqualTo(204);

        assertProblem(put(flagPath("audit-export"), admin, "{\"enabled\":true}"), 409, "organization-closed", null);
        assertProblem(put(flagPath("analytics"), admin, "{\"enabled\":true}"), 409, "organization-closed", null);
        assertProblem(api.delete(flagPath("analytics"), admin), 409, "organization-closed", null);
        // A closed organization stays readable, its features as they were when it closed.
        assertThat(keys(features(owner))).containsExactly("analytics", "invitations", "members");
        assertThat(storedOverrideEvents()).isEqualTo(1);
    }

    @Test
    void everyMemberReadsTheFeaturesAndNobodyElse() {
        Team team = new Team(api, commands);
        for (Role role : new Role[]{Role.ADMIN, Role.MEMBER, Role.VIEWER, Role.AUDITOR}) {
            User member = team.join(orgId, owner, role, "Flag " + role);
            assertThat(keys(features(member))).as(role.name()).containsExactly("invitations", "members");
        }
        User outsider = api.register("Nosy Outsider");
        String path = "/api/orgs/" + orgId + "/features";

        assertProblem(api.get(path, outsider.accessToken()), 404, "organization-not-found", null);
        assertProblem(api.get(path, null), 401, "authentication-required", null);
        assertProblem(api.get("/api/orgs/" + UUID.randomUUID() + "/features", owner.accessToken()), 404,
                "organization-not-found", null);
    }

    @Test
    void onlyAPlatformAdminOverrides() {
        User outsider = api.register("Not An Admin");
        for (User user : new User[]{owner, outsider}) {
            assertProblem(put(flagPath("analytics"), user.accessToken(), "{\"enabled\":true}"), 403, "forbidden", null);
            assertProblem(api.delete(flagPath("analytics"), user.accessToken()), 403, "forbidden", null);
            assertProblem(api.get("/api/admin/orgs/" + orgId + "/features", user.accessToken()), 403, "forbidden",
                    null);
        }
        assertProblem(put(flagPath("analytics"), null, "{\"enabled\":true}"), 401, "authentication-required", null);
        assertProblem(api.delete(flagPath("analytics"), null), 401, "authentication-required", null);
        assertThat(storedOverrideEvents()).isZero();

        Response adminView = api.get("/api/admin/orgs/" + orgId + "/features", admin);
        assertThat(adminView.status()).as(adminView.toString()).isEqualTo(200);
        assertThat(adminView.body()).isEqualTo(features(owner));
    }

    @Test
    void overridesAreInTheTenantsAuditStreamWithTheAdminAsActorAndInItsPointInTimeState() throws Exception {
        String adminId = api.get("/api/me", admin).text("id");
        override("analytics", true);
        override("invitations", false);
        override("analytics", false);
        Instant bothOverridden = Instant.now();
        assertThat(api.delete(flagPath("analytics"), admin).status()).isEqualTo(200);

        Response overridden = api.get("/api/orgs/" + orgId + "/audit/events?type=FeatureOverriddenEvent",
                owner.accessToken());
        assertThat(overridden.status()).as(overridden.toString()).isEqualTo(200);
        List<JsonNode> entries = StreamSupport.stream(overridden.body().path("items").spliterator(), false).toList();
        assertThat(entries).hasSize(3).allSatisfy(entry -> {
            assertThat(entry.path("actorId").asText()).isEqualTo(adminId);
            assertThat(entry.path("aggregateId").asText()).isEqualTo(orgId);
        });
        assertThat(entries.get(0).path("payload").asText())
                .contains("\"feature\":\"analytics\"", "\"enabled\":true").doesNotContain("\"previous\":true", "\"previous\":false");
        assertThat(entries.get(2).path("payload").asText())
                .contains("\"feature\":\"analytics\"", "\"enabled\":false", "\"previous\":true");
        Response removed = api.get("/api/orgs/" + orgId + "/audit/events?type=FeatureOverrideRemovedEvent",
                owner.accessToken());
        assertThat(removed.body().path("items")).singleElement().satisfies(entry -> {
            assertThat(entry.path("actorId").asText()).isEqualTo(adminId);
            assertThat(entry.path("payload").asText()).contains("\"feature\":\"analytics\"", "\"wasEnabled\":false");
        });

        Response verified = api.get("/api/orgs/" + orgId + "/audit/verify", owner.accessToken());
        assertThat(verified.text("status")).as(verified.toString()).isEqualTo("intact");
        Response then = api.get("/api/orgs/" + orgId + "/audit/state?at=" + bothOverridden, owner.accessToken());
        assertThat(then.status()).as(then.toString()).isEqualTo(200);
        assertThat(then.body().path("featureOverrides")).isEqualTo(JSON.readTree(
                "{\"analytics\":false,\"invitations\":false}"));
        Response now = api.get("/api/orgs/" + orgId + "/audit/state?at=" + Instant.now(), owner.accessToken());
        assertThat(now.body().path("featureOverrides")).isEqualTo(JSON.readTree("{\"invitations\":false}"));
        assertThat(now.text("plan")).isEqualTo("free");

        JsonNode activity = api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body()
                .path("recentActivity");
        assertThat(activity.path(0).path("summary").asText())
                .endsWith(" removed the override of the feature analytics: the plan decides again");
        assertThat(activity.path(1).path("summary").asText())
                .endsWith(" switched the feature analytics off for this organization");
        assertThat(activity.path(3).path("summary").asText())
                .endsWith(" switched the feature analytics on for this organization");
    }
}
