package dev.tenantry.infra.billing;

import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;

/**
 * Re-reads subscriptions from Stripe and applies them through the same command as webhooks, for a missed or
 * mishandled webhook ({@link StripeReconciliation}).
 */
@RestController
@Tag(name = "Platform administration")
class BillingAdminController {

    private final StripeReconciliation reconciliation;

    BillingAdminController(StripeReconciliation reconciliation) {
        this.reconciliation = reconciliation;
    }

    /** @param organizationId one organization, or every organization with a Stripe customer when absent */
    record ReconcileRequest(@Size(max = 36) String organizationId) {
    }

    record Reconciled(String organizationId, String stripeSubscriptionId, String stripeStatus) {
    }

    record ReconcileResult(int checked, List<Reconciled> subscriptions) {
    }

    @PostMapping("/api/admin/billing/reconcile")
    @Operation(summary = "Re-read subscriptions from Stripe and apply any difference (platform admin)")
    @ProblemResponse(status = 502, codes = "stripe-refused")
    ReconcileResult reconcile(@CurrentUser AuthenticatedUser admin, @RequestBody(required = false) ReconcileRequest request) {
        StripeReconciliation.Result result = reconciliation.reconcile(
                request == null ? null : request.organizationId(), admin.id());
        return new ReconcileResult(result.checked(), result.subscriptions().stream()
                .map(r -> new Reconciled(r.organizationId(), r.stripeSubscriptionId(), r.stripeStatus())).toList());
    }
}
