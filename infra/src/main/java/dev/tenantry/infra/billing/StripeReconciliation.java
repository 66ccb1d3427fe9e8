package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.BillingAccount;
import dev.tenantry.api.billing.FindBillingAccountsQuery;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.infra.axon.CommandSender;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;

/**
 * Re-reads subscriptions from Stripe and applies them through the same command as webhooks, for a missed or
 * mishandled webhook. Safe to run any time: the subscription ignores what is not newer than its state. An adapter
 * of its own, so that no controller talks to Stripe.
 */
@Component
class StripeReconciliation {

    private final QueryGateway queries;
    private final CommandSender commands;
    private final BillingAvailability billing;

    StripeReconciliation(QueryGateway queries, CommandSender commands, BillingAvailability billing) {
        this.queries = queries;
        this.commands = commands;
        this.billing = billing;
    }

    record Reconciled(String organizationId, String stripeSubscriptionId, String stripeStatus) {
    }

    record Result(int checked, List<Reconciled> subscriptions) {
    }

    /**
     * @param organizationId one organization, or every organization with a Stripe customer when {@code null}
     * @throws dev.tenantry.infra.web.ApiException 503 {@code billing-not-configured} without Stripe keys
     */
    Result reconcile(String organizationId, String actorId) {
        BillingGateway gateway = billing.gateway();
        List<BillingAccount> accounts = queries.query(new FindBillingAccountsQuery(organizationId),
                ResponseTypes.multipleInstancesOf(BillingAccount.class)).join();
        List<Reconciled> reconciled = new ArrayList<>();
        for (BillingAccount account : accounts) {
            List<StripeSubscriptionSnapshot> subscriptions = gateway.subscriptionsOf(account.stripeCustomerId());
            if (subscriptions.isEmpty()) {
                continue;
            }
            StripeSubscriptionSnapshot newest = subscriptions.get(0);
            commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(account.organizationId()),
                    account.organizationId(), null, newest), actorId);
            reconciled.add(new Reconciled(account.organizationId(), newest.stripeSubscriptionId(),
                    StripeTranslation.stripeName(newest.status())));
        }
        return new Result(accounts.size(), reconciled);
    }
}
