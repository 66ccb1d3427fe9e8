package dev.tenantry.infra.admin;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.analytics.AdminOrganizationPage;
import dev.tenantry.api.analytics.FindAdminOrganizationsQuery;
import dev.tenantry.api.billing.FindSubscriptionQuery;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.billing.SubscriptionView;
import dev.tenantry.api.membership.FindMembersQuery;
import dev.tenantry.api.membership.MemberView;
import dev.tenantry.api.organization.FindOrganizationQuery;
import dev.tenantry.api.organization.OrganizationStatus;
import dev.tenantry.api.organization.OrganizationView;
import dev.tenantry.infra.billing.PlanCatalog;
import dev.tenantry.infra.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Finding an organization and seeing its team and billing, for support work (platform admin, any tenant). */
@RestController
@RequestMapping("/api/admin/orgs")
@Tag(name = "Platform administration")
class AdminOrganizationController {

    static final int MAX_PAGE_SIZE = 100;
    static final int MAX_QUERY_LENGTH = 100;

    private final QueryGateway queries;
    private final PlanCatalog plans;

    AdminOrganizationController(QueryGateway queries, PlanCatalog plans) {
        this.queries = queries;
        this.plans = plans;
    }

    /** @param subscription {@code null} only if the organization's subscription has not been projected yet */
    record OrganizationDetail(OrganizationView organization, List<MemberView> members, SubscriptionView subscription) {
    }

    @GetMapping
    @Operation(summary = "Search organizations by name or slug, plan, status and subscription status, newest first (platform admin)")
    AdminOrganizationPage search(@RequestParam(required = false) String q,
                                 @RequestParam(required = false) String plan,
                                 @RequestParam(required = false) String status,
                                 @RequestParam(required = false) String subscriptionStatus,
                                 @RequestParam(required = false) String page,
                                 @RequestParam(required = false) String size) {
        if (q != null && q.length() > MAX_QUERY_LENGTH) {
            throw DomainException.invalid("invalid-query", "q", "q must be at most " + MAX_QUERY_LENGTH
                    + " characters");
        }
        if (plan != null && !plan.isBlank() && plans.find(plan).isEmpty()) {
            throw DomainException.invalid("invalid-plan", "plan", "plan must be one of "
                    + plans.all().stream().map(Plan::key).collect(Collectors.joining(", ")) + " (got " + plan + ")");
        }
        return queries.query(new FindAdminOrganizationsQuery(q, blankToNull(plan),
                        oneOf("status", status, OrganizationStatus.class),
                        oneOf("subscriptionStatus", subscriptionStatus, SubscriptionStatus.class),
                        number("page", page, 0, 0, Integer.MAX_VALUE / MAX_PAGE_SIZE),
                        number("size", size, 20, 1, MAX_PAGE_SIZE)),
                ResponseTypes.instanceOf(AdminOrganizationPage.class)).join();
    }

    @GetMapping("/{orgId}")
    @Operation(summary = "One organization with its members (roles, emails) and its subscription (platform admin)")
    OrganizationDetail organization(@PathVariable String orgId) {
        OrganizationView organization = queries.query(new FindOrganizationQuery(orgId),
                        ResponseTypes.optionalInstanceOf(OrganizationView.class)).join()
                .orElseThrow(() -> ApiException.notFound("organization-not-found", "No organization " + orgId));
        List<MemberView> members = queries.query(new FindMembersQuery(orgId),
                ResponseTypes.multipleInstancesOf(MemberView.class)).join();
        SubscriptionView subscription = queries.query(new FindSubscriptionQuery(orgId),
                ResponseTypes.optionalInstanceOf(SubscriptionView.class)).join().orElse(null);
        return new OrganizationDetail(organization, members, subscription);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /** An enum constant by name, case-insensitive; null when absent. */
    private static <E extends Enum<E>> E oneOf(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(value.trim().toUpperCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> DomainException.invalid("invalid-" + kebab(name), name, name + " must be one of "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "))
                        + " (got " + value + ")"));
    }

    private static int number(String name, String value, int absent, int min, int max) {
        if (value == null || value.isBlank()) {
            return absent;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw DomainException.invalid("invalid-" + name, name, name + " must be a whole number from " + min + " to "
                + max + " (got " + value + ")");
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }
}
