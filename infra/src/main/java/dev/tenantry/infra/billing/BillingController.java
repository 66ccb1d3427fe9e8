package dev.tenantry.infra.billing;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.ApplyStripeSubscriptionCommand;
import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.RequestCheckoutCommand;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.CorrelationIdFilter;
import dev.tenantry.infra.web.TenantAccess;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.headers.Header;
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
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

@RestController
@Tag(name = "Billing")
class BillingController {

    private static final Set<SubscriptionStatus> PAYING = EnumSet.of(SubscriptionStatus.TRIALING,
            SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE, SubscriptionStatus.UNPAID);

    private final QueryGateway queries;
    private final CommandSender commands;
    private final TenantAccess access;
    private final PlanCatalog plans;
    private final BillingAvailability billing;
    private final Duration checkoutWait;
    private final String publicUrl;

    BillingController(QueryGateway queries, CommandSender commands, TenantAccess access, PlanCatalog plans,
                      BillingAvailability billing, TenantryProperties properties,
                      @Value("${tenantry.billing.checkout-wait:5s}") Duration checkoutWait) {
        this.queries = queries;
        this.commands = commands;
        this.access = access;
        this.plans = plans;
        this.billing = billing;
        this.checkoutWait = checkoutWait;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
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

    record ChangePlanRequest(@NotBlank @Size(max = 64) String plan) {
    }

    record PortalResponse(String url) {
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
    @Operation(summary = "Start paying for a plan (OWNER): 201 with the Stripe Checkout URL, or 202 to poll billing",
            responses = {
                    @ApiResponse(responseCode = "201", description = "The checkout is open at its url",
                            headers = @Header(name = "Location", required = true, description = "The billing")),
                    @ApiResponse(responseCode = "202", description = "The checkout is being prepared: poll the billing",
                            headers = @Header(name = "Location", required = true, description = "The billing"))})
    @ProblemResponse(status = 502, codes = {"checkout-failed", "stripe-refused"})
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

    @PostMapping("/api/orgs/{orgId}/billing/change-plan")
    @Operation(summary = "Move the paid subscription to another paid plan, prorated by Stripe (OWNER)")
    @ProblemResponse(status = 502, codes = "stripe-refused")
    Billing changePlan(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                       @Valid @RequestBody ChangePlanRequest request) {
        access.require(orgId, user, Role.OWNER);
        BillingGateway gateway = billing.gateway();
        SubscriptionView subscription = paying(orgId);
        Plan target = plans.find(request.plan()).orElseThrow(() -> new DomainException(DomainException.Kind.INVALID,
                "unknown-plan", "There is no plan '" + request.plan() + "'", "plan"));
        if (target.isFree() || target.stripePriceId() == null) {
            throw DomainException.invalid("plan-not-purchasable", "plan",
                    "The plan '" + target.key() + "' is not a paid plan: cancel the subscription to go back to it");
        }
        if (target.key().equals(subscription.plan())) {
            throw DomainException.conflict("plan-unchanged", "plan", "The organization is on " + target.key() + " already");
        }
        apply(orgId, user, gateway.changePrice(subscription.stripeSubscriptionId(), target.stripePriceId(),
                idempotencyKey("change-plan", orgId)));
        return billing(user, orgId);
    }

    @PostMapping("/api/orgs/{orgId}/billing/cancel")
    @Operation(summary = "Cancel the paid subscription at the end of its period (OWNER)")
    @ProblemResponse(status = 502, codes = "stripe-refused")
    Billing cancel(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        return cancelAtPeriodEnd(user, orgId, true);
    }

    @PostMapping("/api/orgs/{orgId}/billing/resume")
    @Operation(summary = "Take back a cancellation at period end (OWNER)")
    @ProblemResponse(status = 502, codes = "stripe-refused")
    Billing resume(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        return cancelAtPeriodEnd(user, orgId, false);
    }

    /** Cancel and resume are the two values of Stripe's cancel_at_period_end; each is refused if already so. */
    private Billing cancelAtPeriodEnd(AuthenticatedUser user, String orgId, boolean cancel) {
        access.require(orgId, user, Role.OWNER);
        BillingGateway gateway = billing.gateway();
        SubscriptionView subscription = paying(orgId);
        if (subscription.cancelAtPeriodEnd() == cancel) {
            throw cancel
                    ? DomainException.conflict("already-canceling", "The subscription already ends with its period")
                    : DomainException.conflict("not-canceling", "The subscription is not set to end");
        }
        apply(orgId, user, gateway.setCancelAtPeriodEnd(subscription.stripeSubscriptionId(), cancel,
                idempotencyKey(cancel ? "cancel" : "resume", orgId)));
        return billing(user, orgId);
    }

    @PostMapping("/api/orgs/{orgId}/billing/portal")
    @Operation(summary = "A Stripe billing-portal session for payment methods and invoices (OWNER)")
    @ProblemResponse(status = 502, codes = "stripe-refused")
    PortalResponse portal(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Role.OWNER);
        BillingGateway gateway = billing.gateway();
        SubscriptionView subscription = subscription(orgId);
        if (subscription.stripeCustomerId() == null) {
            throw DomainException.conflict("no-billing-account", "The organization has never paid: check out first");
        }
        return new PortalResponse(gateway.createPortalSession(subscription.stripeCustomerId(), publicUrl + "/billing"));
    }

    /** What Stripe answered is applied like a webhook's state, so the two paths cannot disagree. */
    private void apply(String orgId, AuthenticatedUser user, StripeSubscriptionSnapshot snapshot) {
        commands.send(new ApplyStripeSubscriptionCommand(SubscriptionIds.of(orgId), orgId, null, snapshot), user.id());
    }

    private SubscriptionView paying(String orgId) {
        SubscriptionView subscription = subscription(orgId);
        if (subscription.stripeSubscriptionId() == null || !PAYING.contains(subscription.status())) {
            throw DomainException.conflict("no-paid-subscription", "The organization has no paid subscription");
        }
        return subscription;
    }

    /** The same request retried with the same X-Correlation-Id does the thing once at Stripe. */
    private static String idempotencyKey(String action, String orgId) {
        return action + "-" + orgId + "-" + CorrelationIdFilter.current().orElseGet(() -> UUID.randomUUID().toString());
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
