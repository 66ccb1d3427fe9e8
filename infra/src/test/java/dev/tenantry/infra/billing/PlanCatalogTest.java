package dev.tenantry.infra.billing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanCatalogTest {

    private static BillingProperties.PlanProperties plan(long price, Integer seats) {
        return plan(price, seats, 3);
    }

    private static BillingProperties.PlanProperties plan(long price, Integer seats, Integer workspaces) {
        return new BillingProperties.PlanProperties("Plan", price, "USD", null, seats, workspaces, List.of("members"),
                null);
    }

    @Test
    void aDefaultPlanThatIsNotConfiguredStopsTheApp() {
        BillingProperties properties = new BillingProperties("gold", Duration.ofDays(7), Map.of("free", plan(0, 5)));

        assertThatThrownBy(() -> new PlanCatalog(properties))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gold");
    }

    @Test
    void aSeatLimitBelowOneStopsTheApp() {
        BillingProperties properties = new BillingProperties("free", Duration.ofDays(7), Map.of("free", plan(0, 0)));

        assertThatThrownBy(() -> new PlanCatalog(properties))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("seat-limit");
    }

    @Test
    void aWorkspaceLimitBelowOneStopsTheApp() {
        BillingProperties properties = new BillingProperties("free", Duration.ofDays(7),
                Map.of("free", plan(0, 5, 0)));

        assertThatThrownBy(() -> new PlanCatalog(properties))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("workspace-limit");
    }

    @Test
    void aPlanWithoutWorkspaceLimitHasUnlimitedWorkspaces() {
        BillingProperties properties = new BillingProperties("free", Duration.ofDays(7),
                Map.of("free", plan(0, 5, null)));

        assertThat(new PlanCatalog(properties).defaultPlan().workspaceLimit()).isNull();
    }

    @Test
    void aFeatureKeyThatCouldNotBeOverriddenStopsTheApp() {
        BillingProperties properties = new BillingProperties("free", Duration.ofDays(7), Map.of("free",
                new BillingProperties.PlanProperties("Free", 0, "usd", null, 5, 3, List.of("members", "Audit Export"), null)));

        assertThatThrownBy(() -> new PlanCatalog(properties))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Audit Export");
    }

    @Test
    void aPlanWithoutSeatLimitIsUnlimitedAndCurrenciesAreLowerCase() {
        BillingProperties properties = new BillingProperties("free", Duration.ofDays(7),
                Map.of("free", plan(0, 5), "big", plan(100, null)));

        PlanCatalog catalog = new PlanCatalog(properties);

        assertThat(catalog.find("big").orElseThrow().seatLimit()).isNull();
        assertThat(catalog.find("big").orElseThrow().currency()).isEqualTo("usd");
        assertThat(catalog.all()).extracting(p -> p.key()).containsExactly("free", "big");
    }
}
