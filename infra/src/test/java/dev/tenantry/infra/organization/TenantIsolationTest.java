package dev.tenantry.infra.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** A user who is not a member of an organization learns nothing about it and cannot change it. */
@IntegrationTest
class TenantIsolationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private User alice;
    private User bob;
    private String orgName;
    private String orgSlug;
    private String orgId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        alice = api.register("Alice A");
        bob = api.register("Bob B");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        orgName = "Alice Secret Org " + suffix;
        orgSlug = "alice-secret-" + suffix;
        Response created = api.post("/api/orgs", alice.accessToken(), Map.of("name", orgName, "slug", orgSlug));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        orgId = created.text("id");
    }

    @Test
    void aNonMemberCannotReadTheOrganization() {
        assertNotFoundWithoutLeaking(api.get("/api/orgs/" + orgId, bob.accessToken()));
        assertNothingChanged();
    }

    @Test
    void aNonMemberCannotListTheMembers() {
        Response members = api.get("/api/orgs/" + orgId + "/members", bob.accessToken());

        assertNotFoundWithoutLeaking(members);
        assertThat(members.raw().body()).doesNotContain(alice.email()).doesNotContain(alice.id());
    }

    @Test
    void aNonMemberCannotRenameTheOrganizationOrChangeItsSettings() {
        long eventsBefore = StoredEvents.countOfAggregate(jdbc, orgId);

        assertNotFoundWithoutLeaking(api.patch("/api/orgs/" + orgId, bob.accessToken(), Map.of("name", "Bob Was Here")));
        assertNotFoundWithoutLeaking(api.patch("/api/orgs/" + orgId, bob.accessToken(),
                Map.of("settings", Map.of("timeZone", "Europe/Berlin"))));

        assertNothingChanged();
        assertThat(StoredEvents.countOfAggregate(jdbc, orgId)).isEqualTo(eventsBefore);
    }

    @Test
    void aNonMemberCannotCloseTheOrganization() {
        long eventsBefore = StoredEvents.countOfAggregate(jdbc, orgId);

        assertNotFoundWithoutLeaking(api.delete("/api/orgs/" + orgId, bob.accessToken()));

        assertNothingChanged();
        assertThat(StoredEvents.countOfAggregate(jdbc, orgId)).isEqualTo(eventsBefore);
        assertThat(api.get("/api/orgs/" + orgId, alice.accessToken()).text("status")).isEqualTo("ACTIVE");
    }

    @Test
    void theOrganizationIsNotAmongTheNonMembersOrganizations() {
        api.createOrganization(bob, "Bob Own Org " + UUID.randomUUID());

        Response mine = api.get("/api/orgs", bob.accessToken());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(ids(mine.body().path("items"))).hasSize(1).doesNotContain(orgId);
        assertThat(mine.raw().body()).doesNotContain(orgName).doesNotContain(orgSlug);

        Response me = api.get("/api/me", bob.accessToken());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(ids(me.body().path("organizations"))).hasSize(1).doesNotContain(orgId);

        // The member sees it, so the absence above is isolation and not a missing organization.
        assertThat(ids(api.get("/api/orgs", alice.accessToken()).body().path("items"))).containsExactly(orgId);
    }

    @Test
    void aMalformedOrganizationIdIsNotFound() {
        for (String path : List.of("/api/orgs/not-a-uuid", "/api/orgs/not-a-uuid/members")) {
            Response response = api.get(path, alice.accessToken());
            assertThat(response.status()).as(path + " " + response).isEqualTo(404);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("organization-not-found");
        }
        Response patch = api.patch("/api/orgs/not-a-uuid", alice.accessToken(), Map.of("name", "X"));
        assertThat(patch.status()).as(patch.toString()).isEqualTo(404);
        assertThat(patch.text("code")).isEqualTo("organization-not-found");
        Response delete = api.delete("/api/orgs/not-a-uuid", alice.accessToken());
        assertThat(delete.status()).as(delete.toString()).isEqualTo(404);
        assertThat(delete.text("code")).isEqualTo("organization-not-found");
    }

    @Test
    void anUnknownOrganizationIdLooksTheSameAsSomeoneElsesOrganization() {
        Response unknown = api.get("/api/orgs/" + UUID.randomUUID(), bob.accessToken());
        Response foreign = api.get("/api/orgs/" + orgId, bob.accessToken());

        assertThat(unknown.status()).isEqualTo(foreign.status()).isEqualTo(404);
        assertThat(unknown.text("code")).isEqualTo(foreign.text("code")).isEqualTo("organization-not-found");
        assertThat(unknown.text("title")).isEqualTo(foreign.text("title"));
    }

    @Test
    void withoutAnAccessTokenEveryOrganizationEndpointAnswers401() {
        List<Response> responses = List.of(
                api.get("/api/orgs", null),
                api.get("/api/orgs/" + orgId, null),
                api.get("/api/orgs/" + orgId + "/members", null),
                api.patch("/api/orgs/" + orgId, null, Map.of("name", "Anonymous")),
                api.delete("/api/orgs/" + orgId, null),
                api.post("/api/orgs", null, Map.of("name", "Anonymous Org " + UUID.randomUUID())),
                api.get("/api/orgs/" + orgId, "not.a.valid-token"));
        for (Response response : responses) {
            assertThat(response.status()).as(response.toString()).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("type")).startsWith("https://tenantry.dev/problems/");
            assertThat(response.raw().body()).doesNotContain(orgName).doesNotContain(orgSlug);
        }
        assertNothingChanged();
    }

    private void assertNotFoundWithoutLeaking(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("organization-not-found");
        assertThat(response.text("type")).isEqualTo("https://tenantry.dev/problems/organization-not-found");
        assertThat(response.body().path("status").asInt()).isEqualTo(404);
        assertThat(response.raw().body()).doesNotContain(orgName).doesNotContain(orgSlug);
    }

    private void assertNothingChanged() {
        Map<String, Object> row = jdbc.queryForMap(
                "select name, slug, status, owner_id, time_zone, locale from organization_view where tenant_id = ?",
                orgId);
        assertThat(row).containsEntry("name", orgName).containsEntry("slug", orgSlug)
                .containsEntry("status", "ACTIVE").containsEntry("owner_id", alice.id())
                .containsEntry("time_zone", "UTC").containsEntry("locale", "en");
        Response asOwner = api.get("/api/orgs/" + orgId, alice.accessToken());
        assertThat(asOwner.text("name")).isEqualTo(orgName);
        assertThat(asOwner.text("status")).isEqualTo("ACTIVE");
        Integer bobMemberships = jdbc.queryForObject(
                "select count(*) from membership_view where tenant_id = ? and user_id = ?", Integer.class,
                orgId, bob.id());
        assertThat(bobMemberships).isZero();
    }

    private static List<String> ids(JsonNode items) {
        assertThat(items.isArray()).as("list %s", items).isTrue();
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }
}
