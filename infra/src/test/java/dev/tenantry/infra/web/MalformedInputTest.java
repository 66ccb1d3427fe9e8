package dev.tenantry.infra.web;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input that PostgreSQL or the parsers cannot take is a 400 problem naming what is wrong, and changes nothing: found
 * by fuzzing, each of these was a 500, and an organization name holding NUL even stopped two read models for good.
 */
@IntegrationTest
class MalformedInputTest {

    // A JSON escape, so that the request itself is valid JSON; it decodes to U+0000.
    private static final String NUL = "\\u0000";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private User user;

    @BeforeEach
    void setUp() {
        // Malformed on purpose: only the answers are held to the OpenAPI document.
        api = new ApiClient(port).withoutRequestChecks();
        user = api.register("Nadia Nul");
    }

    @Test
    void anOrganizationNameHoldingNulIsRefusedAndTheNextOrganizationIsCreatedAsUsual() {
        long eventsBefore = eventCount();

        Response refused = api.sendRaw("POST", "/api/orgs", user.accessToken(), "{\"name\":\"Acme" + NUL + " Inc\"}");

        assertInvalidCharacter(refused, "name");
        assertThat(eventCount()).isEqualTo(eventsBefore);
        // Before the fix the poisoned event stopped the organizations read model, and every creation answered 404.
        Response created = api.post("/api/orgs", api.register("Olga Other").accessToken(), Map.of("name", "Fine Inc"));
        assertThat(created.status()).isEqualTo(201);
    }

    @Test
    void aNestedFieldHoldingNulIsNamedByItsPath() {
        Response refused = api.sendRaw("POST", "/api/orgs", user.accessToken(),
                "{\"name\":\"Acme\",\"settings\":{\"timeZone\":\"Europe/Paris" + NUL + "\"}}");

        assertInvalidCharacter(refused, "settings.timeZone");
    }

    @Test
    void anEmailHoldingNulIsRefusedBeforeAnyAccountIsLookedUp() {
        Response refused = api.sendRaw("POST", "/api/auth/login", null,
                "{\"email\":\"ana" + NUL + "@example.com\",\"password\":\"correct horse battery\"}");

        assertInvalidCharacter(refused, "email");
    }

    @Test
    void aQueryParameterHoldingNulIsRefused() {
        String orgId = api.createOrganization(user, "Param Inc");

        Response refused = api.get("/api/orgs/" + orgId + "/audit/events?type=Organization%00", user.accessToken());

        assertInvalidCharacter(refused, "type");
    }

    /** Tomcat refuses these before any filter of the app: its answer is still a problem with a correlation id. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/api/orgs/%00", "/api/orgs/abc%00def/members"})
    void aPathTomcatRefusesIsAMalformedRequestProblem(String path) {
        Response refused = api.sendRawWithHeaders("GET", path, Map.of("Authorization", "Bearer " + user.accessToken()),
                "");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("malformed-request");
        assertThat(refused.header("X-Correlation-Id")).isNotBlank();
    }

    @ParameterizedTest(name = "Content-Type: {0}")
    @ValueSource(strings = {"multipart/form-data", "multipart/form-data; boundary=", "*/*", "application/*",
            "text/plain", "not a media type"})
    void aBodyOfAContentTypeOtherThanJsonIsA415ProblemAndCreatesNothing(String contentType) {
        long eventsBefore = eventCount();

        Response refused = api.sendRawWithHeaders("POST", "/api/orgs", Map.of("Content-Type", contentType,
                "Authorization", "Bearer " + user.accessToken()), "{\"name\":\"Acme\"}");

        assertThat(refused.status()).as(refused.toString()).isEqualTo(415);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("code")).isEqualTo("unsupported-media-type");
        assertThat(eventCount()).isEqualTo(eventsBefore);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"from=+1000000000-01-01T00:00:00Z", "to=-999999999-01-01T00:00:00Z",
            "from=+10000-01-01T00:00:00Z"})
    void anInstantPostgreSqlCannotHoldIsA400NamingTheParameter(String parameter) {
        String orgId = api.createOrganization(user, "Instant Inc");

        Response refused = api.get("/api/orgs/" + orgId + "/audit/events?" + parameter.replace("+", "%2B"),
                user.accessToken());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("invalid-value");
        assertThat(refused.text("field")).isEqualTo(parameter.substring(0, parameter.indexOf('=')));
        assertThat(refused.text("detail")).contains("0001").contains("9999");
    }

    @Test
    void aPointInTimeOutsideTheSupportedYearsIsA400NamingTheParameter() {
        String orgId = api.createOrganization(user, "State Inc");

        Response refused = api.get("/api/orgs/" + orgId + "/audit/state?at=%2B1000000000-01-01T00:00:00Z",
                user.accessToken());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.text("field")).isEqualTo("at");
    }

    @ParameterizedTest(name = "type={0}")
    @ValueSource(strings = {"%", "%25", "_rganizationCreatedEvent", "Organization%25"})
    void theAuditTypeFilterMatchesWildcardCharactersLiterally(String type) {
        String orgId = api.createOrganization(user, "Wildcard Inc");

        Response page = api.get("/api/orgs/" + orgId + "/audit/events?type=" + type.replace("%", "%25"),
                user.accessToken());

        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.body().get("items")).isEmpty();
        assertThat(api.get("/api/orgs/" + orgId + "/audit/events?type=OrganizationCreatedEvent", user.accessToken())
                .body().get("items")).hasSize(1);
    }

    @Test
    void aStringOverTheJsonLimitIsA400InOurOwnWords() {
        Response refused = api.sendRaw("POST", "/api/orgs", user.accessToken(),
                "{\"name\":\"Long\",\"extra\":\"" + "x".repeat(100_001) + "\"}");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("code")).isEqualTo("json-limit-exceeded");
        assertThat(refused.text("detail")).contains("100000").doesNotContain("StreamReadConstraints");
    }

    private void assertInvalidCharacter(Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo("invalid-character");
        assertThat(response.text("field")).isEqualTo(field);
        assertThat(response.text("detail")).contains(field).contains("NUL");
    }

    private long eventCount() {
        return jdbc.queryForObject("select count(*) from domain_event_entry", Long.class);
    }
}
