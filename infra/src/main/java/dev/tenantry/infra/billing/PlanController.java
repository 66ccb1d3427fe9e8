package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.PlanView;
import dev.tenantry.infra.web.Items;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Billing")
class PlanController {

    private final PlanCatalog catalog;

    PlanController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/plans")
    @Operation(summary = "The plans on offer (public), cheapest first")
    Items<PlanView> plans() {
        return new Items<>(catalog.all().stream().map(PlanView::of).toList());
    }
}
