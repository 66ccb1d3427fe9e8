package dev.tenantry.infra.web;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
        api = new ApiClient(port);
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
