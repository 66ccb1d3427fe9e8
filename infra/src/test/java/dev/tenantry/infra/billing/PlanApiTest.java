package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class PlanApiTest {

    @LocalServerPort
    int port;

    @Test
    void anyoneSeesTheDefaultPlansCheapestFirstWithPricesInCents() {
        ApiClient.Response response = new ApiClient(port).get("/api/plans", null);

        assertThat(response.status()).isEqualTo(200);
        JsonNode plans = response.body().path("items");
        assertThat(plans).extracting(plan -> plan.path("key").asText()).containsExactly("free", "pro", "enterprise");
        assertPlan(plans.get(0), "Free", 0, 5);
        assertPlan(plans.get(1), "Pro", 2900, 20);
        assertThat(plans.get(2).path("monthlyPrice").path("amountCents").asLong()).isEqualTo(9900);
        assertThat(plans.get(2).path("seatLimit").isMissingNode() || plans.get(2).path("seatLimit").isNull()).isTrue();
        assertThat(plans.get(2).path("unlimitedSeats").asBoolean()).isTrue();
        assertThat(plans.get(1).path("features")).extracting(JsonNode::asText).contains("members", "invitations");
        assertThat(response.body().toString()).doesNotContain("price_tenantry");
    }

    @Test
    void aNewOrganizationIsOnTheFreePlanWithItsSeatLimit() {
        ApiClient api = new ApiClient(port);
        ApiClient.User owner = api.register("Fran Free");
        String orgId = api.createOrganization(owner, "Free Plan Co");

        assertThat(api.get("/api/orgs/" + orgId + "/dashboard", owner.accessToken()).body().path("seatLimit").asInt())
                .isEqualTo(5);
        ApiClient.Response billing = api.get("/api/orgs/" + orgId + "/billing", owner.accessToken());
        assertThat(billing.status()).isEqualTo(200);
        assertThat(billing.body().at("/plan/key").asText()).isEqualTo("free");
        assertThat(billing.body().at("/status").asText()).isEqualTo("FREE");
    }

    @Test
    void billingIsForTheOwnerAndAdminsOnly() {
        ApiClient api = new ApiClient(port);
        ApiClient.User owner = api.register("Fran Free");
        String orgId = api.createOrganization(owner, "Private Billing Co");
        ApiClient.User stranger = api.register("Stan Stranger");

        assertThat(api.get("/api/orgs/" + orgId + "/billing", stranger.accessToken()).status()).isEqualTo(404);
        assertThat(api.get("/api/orgs/" + orgId + "/billing", null).status()).isEqualTo(401);
    }

    private static void assertPlan(JsonNode plan, String name, long cents, int seats) {
        assertThat(plan.path("name").asText()).isEqualTo(name);
        assertThat(plan.path("monthlyPrice").path("amountCents").asLong()).isEqualTo(cents);
        assertThat(plan.path("monthlyPrice").path("currency").asText()).isEqualTo("usd");
        assertThat(plan.path("seatLimit").asInt()).isEqualTo(seats);
        assertThat(plan.path("unlimitedSeats").asBoolean()).isFalse();
    }
}
