package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.BillingAccount;
import dev.tenantry.api.billing.FindBillingAccountsQuery;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads subscriptions from Stripe and applies them through the same command as webhooks, for a missed or
 * mishandled webhook. Safe to run any time: the subscription ignores what is not newer than its state.
 */
@RestController
@Tag(name = "Platform administration")
class BillingAdminController {

    private final QueryGateway queries;
    private final CommandSender commands;
    private final BillingAvailability billing;

    BillingAdminController(QueryGateway queries, CommandSender commands, BillingAvailability billing) {
        this.queries = queries;
        this.commands = commands;
        this.billing = billing;
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
        BillingGateway gateway = billing.gateway();
        List<BillingAccount> accounts = queries.query(new FindBillingAccountsQuery(
                        request == null ? null : request.organizationId()),
                ResponseTypes.multipleInstancesOf(BillingAccount.class)).join();
        List<Reconciled> reconciled = new ArrayList<>();
        for (BillingAccount account : accounts) {
            List<StripeSubscriptionSnapshot> subscriptions = gateway.subscriptionsOf(account.stripeCustomerId());
            if (subscriptions.isEmpty()) {
                continue;
            }
            StripeSubscriptionSnapshot newest = subscriptions.get(0);
            commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(account.organizationId()),
                    account.organizationId(), null, newest), admin.id());
            reconciled.add(new Reconciled(account.organizationId(), newest.stripeSubscriptionId(),
                    newest.stripeStatus()));
        }
        return new ReconcileResult(accounts.size(), reconciled);
    }
}
