package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.RequestCheckoutCommand;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

@RestController
@Tag(name = "Billing")
class BillingController {

    private final QueryGateway queries;
    private final CommandSender commands;
    private final TenantAccess access;
    private final PlanCatalog plans;
    private final BillingAvailability billing;
    private final Duration checkoutWait;

    BillingController(QueryGateway queries, CommandSender commands, TenantAccess access, PlanCatalog plans,
                      BillingAvailability billing,
                      @Value("${tenantry.billing.checkout-wait:5s}") Duration checkoutWait) {
        this.queries = queries;
        this.commands = commands;
        this.access = access;
        this.plans = plans;
        this.billing = billing;
        this.checkoutWait = checkoutWait;
    }

    /**
     * @param effectiveSeatLimit the limit the team rules apply: the plan's, or the free plan's after a payment
     *                           stayed unpaid past the grace period ({@code null}: unlimited)
     */
    record Billing(String organizationId, PlanController.PlanResponse plan, SubscriptionStatus status,
                   Integer effectiveSeatLimit, Instant currentPeriodEnd, boolean cancelAtPeriodEnd,
                   Instant graceEndsAt, boolean fellBackToFree, SubscriptionView.Checkout checkout,
                   Instant startedAt, Instant updatedAt) {
    }

    record CheckoutRequest(@NotBlank @Size(max = 64) String plan) {
    }

    record CheckoutResponse(String checkoutId, CheckoutStatus status, String url, Instant expiresAt) {
    }

    @GetMapping("/api/orgs/{orgId}/billing")
    @Operation(summary = "The organization's plan, subscription status and latest checkout (OWNER, ADMIN)")
    Billing billing(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Role.OWNER, Role.ADMIN);
        SubscriptionView subscription = subscription(orgId);
        // A plan removed from the configuration still shows by its key, so the organization's state stays visible.
        Plan plan = plans.find(subscription.plan()).orElse(new Plan(subscription.plan(), subscription.plan(), 0,
                "usd", null, null, null));
        Integer effectiveLimit = subscription.fellBackToFree() ? plans.defaultPlan().seatLimit() : plan.seatLimit();
        return new Billing(orgId, PlanController.PlanResponse.of(plan), subscription.status(), effectiveLimit,
                subscription.currentPeriodEnd(), subscription.cancelAtPeriodEnd(), subscription.graceEndsAt(),
                subscription.fellBackToFree(), subscription.checkout(), subscription.startedAt(),
                subscription.updatedAt());
    }

    /**
     * Starts a Stripe Checkout for a paid plan. The checkout saga talks to Stripe; this waits a few seconds for it:
     * 201 with the URL when it is ready, else 202 with the billing resource to poll.
     */
    @PostMapping("/api/orgs/{orgId}/billing/checkout")
    @Operation(summary = "Start paying for a plan (OWNER): 201 with the Stripe Checkout URL, or 202 to poll billing")
    ResponseEntity<CheckoutResponse> checkout(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                              @Valid @RequestBody CheckoutRequest request) {
        access.require(orgId, user, Role.OWNER);
        billing.gateway(); // 503 billing-not-configured without Stripe keys
        String checkoutId = UUID.randomUUID().toString();
        commands.send(new RequestCheckoutCommand(SubscriptionIds.of(orgId), orgId, checkoutId, request.plan(),
                user.id()), user.id());
        URI billing = URI.create("/api/orgs/" + orgId + "/billing");
        long deadline = System.nanoTime() + checkoutWait.toNanos();
        while (true) {
            SubscriptionView.Checkout checkout = subscription(orgId).checkout();
            if (checkout != null && checkout.id().equals(checkoutId)) {
                if (checkout.status() == CheckoutStatus.OPEN) {
                    return ResponseEntity.created(billing).body(new CheckoutResponse(checkoutId, checkout.status(),
                            checkout.url(), checkout.expiresAt()));
                }
                if (checkout.status() == CheckoutStatus.FAILED) {
                    throw new ApiException(HttpStatus.BAD_GATEWAY, "checkout-failed", "Bad gateway",
                            "Stripe could not start the checkout: " + checkout.failureReason());
                }
            }
            if (System.nanoTime() > deadline) {
                return ResponseEntity.accepted().location(billing)
                        .body(new CheckoutResponse(checkoutId, CheckoutStatus.PENDING, null, null));
            }
            pause();
        }
    }

    private SubscriptionView subscription(String orgId) {
        return queries.query(new FindSubscriptionQuery(orgId), ResponseTypes.optionalInstanceOf(SubscriptionView.class))
                .join().orElseThrow(() -> ApiException.notFound("subscription-not-found", "No subscription for " + orgId));
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the checkout", e);
        }
    }
}
