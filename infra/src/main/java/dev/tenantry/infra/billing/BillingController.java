package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.BillingAnswer;
import dev.tenantry.api.billing.BillingView;
import dev.tenantry.api.billing.CancelAtPeriodEndCommand;
import dev.tenantry.api.billing.ChangePlanCommand;
import dev.tenantry.api.billing.CheckoutStatus;
import dev.tenantry.api.billing.FindBillingQuery;
import dev.tenantry.api.billing.OpenBillingPortalCommand;
import dev.tenantry.api.billing.RequestCheckoutCommand;
import dev.tenantry.api.billing.ResumeSubscriptionCommand;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.api.membership.Permission;
import dev.tenantry.infra.apidocs.ProblemResponse;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.security.AuthenticatedUser;
import dev.tenantry.infra.security.CurrentUser;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.CorrelationIdFilter;
import dev.tenantry.infra.web.TenantAccess;
import dev.tenantry.query.billing.CheckoutOutcomes;
import dev.tenantry.query.billing.SubscriptionChangeOutcomes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.responses.ApiResponses;
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
import java.util.UUID;
import java.util.function.BiFunction;

@RestController
@Tag(name = "Billing")
class BillingController {

    private final QueryGateway queries;
    private final CommandSender commands;
    private final TenantAccess access;
    private final BillingAvailability billing;
    private final Duration checkoutWait;
    private final CheckoutOutcomes checkouts;
    private final SubscriptionChangeOutcomes outcomes;
    private final Duration changeWait;
    private final String publicUrl;

    BillingController(QueryGateway queries, CommandSender commands, TenantAccess access,
                      BillingAvailability billing, TenantryProperties properties,
                      @Value("${tenantry.billing.checkout-wait:5s}") Duration checkoutWait, CheckoutOutcomes checkouts,
                      SubscriptionChangeOutcomes outcomes,
                      @Value("${tenantry.billing.change-wait:10s}") Duration changeWait) {
        this.checkouts = checkouts;
        this.outcomes = outcomes;
        this.changeWait = changeWait;
        this.queries = queries;
        this.commands = commands;
        this.access = access;
        this.billing = billing;
        this.checkoutWait = checkoutWait;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
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
    BillingView billing(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Permission.VIEW_BILLING);
        BillingAnswer answer = queries.query(new FindBillingQuery(orgId), ResponseTypes.instanceOf(BillingAnswer.class))
                .join();
        if (answer instanceof BillingAnswer.NoSubscription) {
            throw noSubscription(orgId);
        }
        if (answer instanceof BillingAnswer.NoOrganization) {
            throw ApiException.notFound("organization-not-found", "No organization " + orgId);
        }
        return (BillingView) answer;
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
        access.require(orgId, user, Permission.MANAGE_BILLING);
        billing.requireConfigured();
        String checkoutId = UUID.randomUUID().toString();
        commands.send(new RequestCheckoutCommand(SubscriptionIds.of(orgId), orgId, checkoutId, request.plan(),
                user.id()), user.id());
        URI billing = URI.create("/api/orgs/" + orgId + "/billing");
        CheckoutOutcomes.Outcome outcome = checkouts.await(orgId, checkoutId, checkoutWait);
        if (outcome instanceof CheckoutOutcomes.NoSubscription) {
            throw noSubscription(orgId);
        }
        if (outcome instanceof CheckoutOutcomes.Failed failed) {
            throw new ApiException(HttpStatus.BAD_GATEWAY, "checkout-failed", "Bad gateway",
                    "Stripe could not start the checkout: " + failed.checkout().failureReason());
        }
        if (outcome instanceof CheckoutOutcomes.Open open) {
            return ResponseEntity.created(billing).body(new CheckoutResponse(checkoutId, open.checkout().status(),
                    open.checkout().url(), open.checkout().expiresAt()));
        }
        return ResponseEntity.accepted().location(billing)
                .body(new CheckoutResponse(checkoutId, CheckoutStatus.PENDING, null, null));
    }

    @PostMapping("/api/orgs/{orgId}/billing/change-plan")
    @Operation(summary = "Move the paid subscription to another paid plan, prorated by Stripe (OWNER): 200, or 202 "
            + "while Stripe is still being asked")
    @ApiResponses({
            @ApiResponse(responseCode = "200", description = "Stripe made the change: the billing as it is now"),
            @ApiResponse(responseCode = "202", description = "Stripe is still being asked: poll the billing",
                    headers = @Header(name = "Location", required = true, description = "The billing"))})
    @ProblemResponse(status = 502, codes = "stripe-refused")
    ResponseEntity<BillingView> changePlan(@CurrentUser AuthenticatedUser user, @PathVariable String orgId,
                                           @Valid @RequestBody ChangePlanRequest request) {
        return change(user, orgId, "change-plan", (changeId, key) -> new ChangePlanCommand(SubscriptionIds.of(orgId),
                orgId, changeId, request.plan(), key, user.id()));
    }

    @PostMapping("/api/orgs/{orgId}/billing/cancel")
    @Operation(summary = "Cancel the paid subscription at the end of its period (OWNER): 200, or 202 while Stripe is "
            + "still being asked")
    @ApiResponses({
            @ApiResponse(responseCode = "200", description = "Stripe made the change: the billing as it is now"),
            @ApiResponse(responseCode = "202", description = "Stripe is still being asked: poll the billing",
                    headers = @Header(name = "Location", required = true, description = "The billing"))})
    @ProblemResponse(status = 502, codes = "stripe-refused")
    ResponseEntity<BillingView> cancel(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        return change(user, orgId, "cancel", (changeId, key) -> new CancelAtPeriodEndCommand(
                SubscriptionIds.of(orgId), orgId, changeId, key, user.id()));
    }

    @PostMapping("/api/orgs/{orgId}/billing/resume")
    @Operation(summary = "Take back a cancellation at period end (OWNER): 200, or 202 while Stripe is still being "
            + "asked")
    @ApiResponses({
            @ApiResponse(responseCode = "200", description = "Stripe made the change: the billing as it is now"),
            @ApiResponse(responseCode = "202", description = "Stripe is still being asked: poll the billing",
                    headers = @Header(name = "Location", required = true, description = "The billing"))})
    @ProblemResponse(status = 502, codes = "stripe-refused")
    ResponseEntity<BillingView> resume(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        return change(user, orgId, "resume", (changeId, key) -> new ResumeSubscriptionCommand(
                SubscriptionIds.of(orgId), orgId, changeId, key, user.id()));
    }

    /**
     * The subscription decides whether the change is allowed (its refusals are the problems); the subscription-change
     * saga then makes it at Stripe. This waits for the saga's outcome like checkout waits for its URL: 200 with the
     * billing resource once Stripe's answer is applied, 503/502 when Stripe could not be reached or refused, 202
     * with the billing resource to poll when the saga has not finished within {@code tenantry.billing.change-wait}.
     */
    private ResponseEntity<BillingView> change(AuthenticatedUser user, String orgId, String action,
                                               BiFunction<String, String, Object> command) {
        access.require(orgId, user, Permission.MANAGE_BILLING);
        billing.requireConfigured();
        String subscriptionId = SubscriptionIds.of(orgId);
        String changeId = UUID.randomUUID().toString();
        long position = outcomes.position(subscriptionId);
        commands.send(command.apply(changeId, idempotencyKey(action, orgId)), user.id());
        SubscriptionChangeOutcomes.Outcome outcome = outcomes.await(subscriptionId, changeId, position, changeWait);
        if (outcome instanceof SubscriptionChangeOutcomes.Failed failed) {
            throw failed.event().unavailable()
                    ? ApiException.serviceUnavailable("stripe-unavailable",
                    "Stripe could not be reached; try again later")
                    : new ApiException(HttpStatus.BAD_GATEWAY, "stripe-refused", "Bad gateway",
                    "Stripe refused the request; nothing was changed. If this persists, contact support");
        }
        if (outcome instanceof SubscriptionChangeOutcomes.Pending) {
            return ResponseEntity.accepted().location(URI.create("/api/orgs/" + orgId + "/billing"))
                    .body(billing(user, orgId));
        }
        return ResponseEntity.ok(billing(user, orgId));
    }

    @PostMapping("/api/orgs/{orgId}/billing/portal")
    @Operation(summary = "A Stripe billing-portal session for payment methods and invoices (OWNER)")
    @ProblemResponse(status = 502, codes = "stripe-refused")
    PortalResponse portal(@CurrentUser AuthenticatedUser user, @PathVariable String orgId) {
        access.require(orgId, user, Permission.MANAGE_BILLING);
        billing.requireConfigured();
        return new PortalResponse(commands.send(new OpenBillingPortalCommand(SubscriptionIds.of(orgId), orgId,
                publicUrl + "/billing", user.id()), user.id()));
    }

    /** The same request retried with the same X-Correlation-Id does the thing once at Stripe. */
    private static String idempotencyKey(String action, String orgId) {
        return action + "-" + orgId + "-" + CorrelationIdFilter.current().orElseGet(() -> UUID.randomUUID().toString());
    }

    private static ApiException noSubscription(String orgId) {
        return ApiException.notFound("subscription-not-found", "No subscription for " + orgId);
    }
}
