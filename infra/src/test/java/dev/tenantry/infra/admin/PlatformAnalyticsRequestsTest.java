package dev.tenantry.infra.admin;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.PlatformAdmin;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may ask for platform analytics and support search, and the problems a bad parameter gets. */
@IntegrationTest
class PlatformAnalyticsRequestsTest {

    private static final List<String> ENDPOINTS = List.of(
            "/api/admin/analytics/overview",
            "/api/admin/analytics/timeseries?metric=mrr",
            "/api/admin/analytics/cohorts",
            "/api/admin/orgs",
            "/api/admin/orgs/" + UUID.randomUUID());

    @LocalServerPort
    int port;

    @Test
    void onlyAPlatformAdminMayAskAnonymousIs401AndAnyOtherUser403() {
        ApiClient api = new ApiClient(port);
        String member = api.register("Not An Admin").accessToken();
        for (String path : ENDPOINTS) {
            Response anonymous = api.get(path, null);
            assertThat(anonymous.status()).as(path).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            Response forbidden = api.get(path, member);
            assertThat(forbidden.status()).as(path).isEqualTo(403);
            assertThat(forbidden.text("code")).isEqualTo("forbidden");
        }
        String admin = PlatformAdmin.accessToken(api);
        assertThat(api.get("/api/admin/analytics/overview", admin).status()).isEqualTo(200);
    }

    @Test
    void aTimeSeriesDefaultsToDaysUpToNowAndNamesItsCurrencyForMrrOnly() {
        ApiClient api = new ApiClient(port);
        String admin = PlatformAdmin.accessToken(api);

        Response mrr = api.get("/api/admin/analytics/timeseries?metric=mrr", admin);
        Response signups = api.get("/api/admin/analytics/timeseries?metric=user-signups&interval=month"
                + "&from=2020-01-15&to=2020-03-01", admin);

        assertThat(mrr.status()).as(mrr.toString()).isEqualTo(200);
        assertThat(mrr.text("interval")).isEqualTo("day");
        assertThat(mrr.text("currency")).isEqualTo("usd");
        assertThat(mrr.body().path("points").size()).isBetween(30, 31);
        assertThat(signups.status()).as(signups.toString()).isEqualTo(200);
        assertThat(signups.body().has("currency")).isFalse();
        assertThat(signups.text("from")).isEqualTo("2020-01-01T00:00:00Z");
        assertThat(signups.text("to")).isEqualTo("2020-03-01T00:00:00Z");
        assertThat(signups.body().path("points").size()).isEqualTo(2);
    }

    @Test
    void badParametersAreProblemsThatNameTheParameterAndTheValidValues() {
        ApiClient api = new ApiClient(port);
        String admin = PlatformAdmin.accessToken(api);
        String series = "/api/admin/analytics/timeseries?";
        Map<String, List<String>> bad = new LinkedHashMap<>();
        // path -> field, code, a part of the detail
        bad.put(series + "interval=day", List.of("metric", "invalid-metric", "user-signups, organization-signups, mrr"));
        bad.put(series + "metric=revenue", List.of("metric", "invalid-metric", "invitations-accepted (got revenue)"));
        bad.put(series + "metric=mrr&interval=hour", List.of("interval", "invalid-interval", "day, week, month"));
        bad.put(series + "metric=mrr&from=yesterday", List.of("from", "invalid-instant", "ISO-8601"));
        bad.put(series + "metric=mrr&to=2021-13-01", List.of("to", "invalid-instant", "ISO-8601"));
        bad.put(series + "metric=mrr&from=2021-02-01&to=2021-02-01", List.of("from", "invalid-range", "before"));
        bad.put(series + "metric=mrr&from=2021-03-01&to=2021-02-01", List.of("from", "invalid-range", "before"));
        bad.put(series + "metric=mrr&from=2000-01-01&to=2021-01-01", List.of("interval", "too-many-buckets", "1000"));
        bad.put(series + "metric=mrr&from=-999999999-01-01T00:00:00Z", List.of("from", "invalid-instant", "ISO-8601"));
        bad.put("/api/admin/analytics/cohorts?from=2021-1", List.of("from", "invalid-month", "2021-03"));
        bad.put("/api/admin/analytics/cohorts?from=2021-05&to=2021-04", List.of("from", "invalid-range", "after"));
        bad.put("/api/admin/analytics/cohorts?from=2001-01&to=2021-04", List.of("from", "too-many-cohorts", "120"));
        bad.put("/api/admin/analytics/cohorts?months=0", List.of("months", "invalid-months", "1 to 120"));
        bad.put("/api/admin/orgs?plan=platinum", List.of("plan", "invalid-plan", "free, pro, enterprise"));
        bad.put("/api/admin/orgs?status=open", List.of("status", "invalid-status", "ACTIVE, CLOSED"));
        bad.put("/api/admin/orgs?subscriptionStatus=paid", List.of("subscriptionStatus", "invalid-subscription-status",
                "FREE, CHECKOUT_PENDING, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID"));
        bad.put("/api/admin/orgs?page=-1", List.of("page", "invalid-page", "from 0"));
        bad.put("/api/admin/orgs?size=500", List.of("size", "invalid-size", "from 1 to 100"));
        bad.put("/api/admin/orgs?size=ten", List.of("size", "invalid-size", "from 1 to 100"));
        bad.put("/api/admin/orgs?q=" + "x".repeat(101), List.of("q", "invalid-query", "100"));

        bad.forEach((path, expected) -> {
            Response response = api.get(path, admin);
            assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("field")).as(path).isEqualTo(expected.get(0));
            assertThat(response.text("code")).as(path).isEqualTo(expected.get(1));
            assertThat(response.text("type")).isEqualTo("https://tenantry.dev/problems/" + expected.get(1));
            assertThat(response.text("detail")).as(path).contains(expected.get(2));
        });
    }

    @Test
    void anUnknownOrganizationIs404() {
        ApiClient api = new ApiClient(port);
        String admin = PlatformAdmin.accessToken(api);

        Response response = api.get("/api/admin/orgs/" + UUID.randomUUID(), admin);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.text("code")).isEqualTo("organization-not-found");
    }
}
