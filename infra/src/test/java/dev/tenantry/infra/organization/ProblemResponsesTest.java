package dev.tenantry.infra.organization;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Whatever a client sends wrong, the answer is a precise RFC 9457 problem, never a 500 or an HTML page. */
@IntegrationTest
class ProblemResponsesTest {

    private static final String TYPE_BASE = "https://tenantry.dev/problems/";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private User user;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        user = api.register("Petra Problem");
    }

    static Stream<Arguments> invalidCreations() {
        return Stream.of(
                arguments("malformed JSON", "{\"name\": \"Broken", "malformed-json", null),
                arguments("malformed JSON inside settings",
                        "{\"name\": \"Acme\", \"settings\": {\"timeZone\": }}", "malformed-json", null),
                arguments("not JSON at all", "name=Acme", "malformed-json", null),
                arguments("content after the JSON value", "{\"name\": \"Acme\"} garbage", "malformed-json", null),
                arguments("two JSON values", "{\"name\": \"A\"}{\"name\": \"B\"}", "malformed-json", null),
                arguments("empty body", "", null, null),
                arguments("missing name", "{}", null, "name"),
                arguments("null name", "{\"name\": null}", null, "name"),
                arguments("name of 101 characters", "{\"name\": \"" + "n".repeat(101) + "\"}", null, "name"),
                arguments("blank name", "{\"name\": \"   \"}", null, "name"),
                arguments("invalid slug", "{\"name\": \"Acme\", \"slug\": \"Not A Slug\"}", null, "slug"),
                arguments("slug with a double dash", "{\"name\": \"Acme\", \"slug\": \"a--b\"}", null, "slug"),
                arguments("unknown time zone",
                        "{\"name\": \"Acme\", \"settings\": {\"timeZone\": \"Mars/Olympus\"}}", null,
                        "settings.timeZone"),
                arguments("fixed offset instead of a time zone",
                        "{\"name\": \"Acme\", \"settings\": {\"timeZone\": \"+02:00\"}}", null,
                        "settings.timeZone"),
                arguments("invalid locale",
                        "{\"name\": \"Acme\", \"settings\": {\"locale\": \"not a locale!!\"}}", null,
                        "settings.locale"),
                arguments("object where the name should be", "{\"name\": {\"a\": 1}}", null, "name"),
                arguments("array where the name should be", "{\"name\": [\"Acme\"]}", null, "name"),
                arguments("string where settings should be", "{\"name\": \"Acme\", \"settings\": \"UTC\"}", null,
                        "settings"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidCreations")
    void anInvalidCreationIsA400ProblemAndCreatesNothing(String description, String body, String expectedCode,
                                                          String expectedField) {
        Response response = api.sendRaw("POST", "/api/orgs", user.accessToken(), body);

        assertProblem(response, 400);
        if (expectedCode != null) {
            assertThat(response.text("code")).isEqualTo(expectedCode);
            assertThat(response.text("type")).isEqualTo(TYPE_BASE + expectedCode);
        }
        if (expectedField != null) {
            assertThat(response.text("field")).as(response.toString()).isEqualTo(expectedField);
            assertThat(fieldsOf(response.body().path("errors"))).as(response.toString()).contains(expectedField);
        }
        assertNothingCreatedBy(user);
    }

    @Test
    void anUnknownRouteUnderApiIsA404Problem() {
        for (String path : List.of("/api/no-such-thing", "/api/orgs/" + UUID.randomUUID() + "/no-such-thing")) {
            // No operation of the document: the answer's shape is checked here.
            Response response = api.withoutRequestChecks().get(path, user.accessToken());

            assertProblem(response, 404);
            assertThat(response.raw().body()).doesNotContainIgnoringCase("<html");
        }
    }

    @Test
    void anUnsupportedMethodIsA405Problem() {
        Response response = api.withoutRequestChecks()
                .sendRaw("PUT", "/api/orgs", user.accessToken(), "{\"name\": \"Put Org\"}");

        assertProblem(response, 405);
        assertThat(response.header("Allow")).contains("GET").contains("POST");
        assertNothingCreatedBy(user);
    }

    @Test
    void myOrganizationsCanBeFilteredByMyRole() {
        String first = api.createOrganization(user, "Role Filter One " + UUID.randomUUID());
        String second = api.createOrganization(user, "Role Filter Two " + UUID.randomUUID());

        Response all = api.get("/api/orgs", user.accessToken());
        Response owned = api.get("/api/orgs?role=OWNER", user.accessToken());
        Response administered = api.get("/api/orgs?role=ADMIN", user.accessToken());

        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(owned.status()).as(owned.toString()).isEqualTo(200);
        assertThat(administered.status()).as(administered.toString()).isEqualTo(200);
        assertThat(idsOf(all.body().path("items"))).containsExactlyInAnyOrder(first, second);
        assertThat(idsOf(owned.body().path("items"))).containsExactlyInAnyOrder(first, second);
        assertThat(owned.body().path("items")).allSatisfy(item ->
                assertThat(item.path("role").asText()).isEqualTo("OWNER"));
        assertThat(administered.body().path("items").isArray()).isTrue();
        assertThat(administered.body().path("items")).isEmpty();
    }

    @Test
    void anUnknownRoleFilterIsA400ProblemNamingTheParameter() {
        api.createOrganization(user, "Role Filter Bad " + UUID.randomUUID());

        Response response = api.get("/api/orgs?role=NOTAROLE", user.accessToken());

        assertProblem(response, 400);
        assertThat(response.text("field")).isEqualTo("role");
        assertThat(fieldsOf(response.body().path("errors"))).containsExactly("role");
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.text("type")).as(response.toString()).startsWith(TYPE_BASE);
        assertThat(response.text("code")).as(response.toString()).isNotBlank();
        assertThat(response.text("type")).isEqualTo(TYPE_BASE + response.text("code"));
        assertThat(response.body().path("status").asInt()).as(response.toString()).isEqualTo(status);
        assertThat(response.text("title")).as(response.toString()).isNotBlank();
    }

    private void assertNothingCreatedBy(User creator) {
        assertThat(jdbc.queryForObject("select count(*) from organization_view where owner_id = ?", Integer.class,
                creator.id())).isZero();
        assertThat(jdbc.queryForObject("select count(*) from membership_view where user_id = ?", Integer.class,
                creator.id())).isZero();
        assertThat(jdbc.queryForObject("""
                        select count(*) from domain_event_entry
                        where convert_from(meta_data, 'UTF8')::jsonb ->> 'actorId' = ?
                          and payload_type <> 'dev.tenantry.api.identity.UserRegisteredEvent'""", Integer.class,
                creator.id())).isZero();
    }

    private static List<String> fieldsOf(JsonNode errors) {
        return StreamSupport.stream(errors.spliterator(), false).map(error -> error.path("field").asText()).toList();
    }

    private static List<String> idsOf(JsonNode items) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path("id").asText()).toList();
    }
}
