package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.Plan;
import dev.tenantry.infra.web.Items;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

@RestController
@Tag(name = "Billing")
class PlanController {

    private final PlanCatalog catalog;

    PlanController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    /** Money as integer minor units with a currency, never a float. */
    record Money(long amountCents, String currency) {
    }

    /** @param workspaceLimit active workspaces allowed; absent for unlimited */
    record PlanResponse(String key, String name, Money monthlyPrice, Integer seatLimit, boolean unlimitedSeats,
                        Integer workspaceLimit, List<String> features) {

        static PlanResponse of(Plan plan) {
            return new PlanResponse(plan.key(), plan.name(), new Money(plan.monthlyPriceCents(), plan.currency()),
                    plan.seatLimit(), plan.seatLimit() == null, plan.workspaceLimit(), plan.features());
        }
    }

    @GetMapping("/api/plans")
    @Operation(summary = "The plans on offer (public), cheapest first")
    Items<PlanResponse> plans() {
        return new Items<>(catalog.all().stream().map(PlanResponse::of).toList());
    }
}
