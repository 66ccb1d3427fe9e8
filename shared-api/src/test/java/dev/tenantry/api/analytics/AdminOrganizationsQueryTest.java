package dev.tenantry.api.analytics;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.OrganizationStatus;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AdminOrganizationsQueryTest {

    private static final List<String> PLANS = List.of("free", "pro", "enterprise");

    private static FindAdminOrganizationsQuery search(String text, String plan, String status,
                                                      String subscriptionStatus, String page, String size) {
        return FindAdminOrganizationsQuery.of(text, plan, status, subscriptionStatus, page, size, PLANS);
    }

    private static void assertRefused(ThrowingCallable query, String code, String field, String detail) {
        DomainException refusal = catchThrowableOfType(DomainException.class, query);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.field()).isEqualTo(field);
        assertThat(refusal.getMessage()).contains(detail);
    }

    @Test
    void blankFiltersAreNoFiltersAndTheFirstPageHasTwenty() {
        assertThat(search(null, " ", "", null, null, " "))
                .isEqualTo(new FindAdminOrganizationsQuery(null, null, null, null, 0, 20));
    }

    @Test
    void filtersAreKnownPlansAndStatusesInAnyCase() {
        assertThat(search("x".repeat(100), "pro", "closed", " Past_Due ", "0", "100"))
                .isEqualTo(new FindAdminOrganizationsQuery("x".repeat(100), "pro", OrganizationStatus.CLOSED,
                        SubscriptionStatus.PAST_DUE, 0, 100));
        assertRefused(() -> search("x".repeat(101), null, null, null, null, null), "invalid-query", "q", "100");
        assertRefused(() -> search(null, "platinum", null, null, null, null), "invalid-plan", "plan",
                "free, pro, enterprise (got platinum)");
        assertRefused(() -> search(null, "PRO", null, null, null, null), "invalid-plan", "plan", "(got PRO)");
        assertRefused(() -> search(null, null, "open", null, null, null), "invalid-status", "status", "ACTIVE, CLOSED");
        assertRefused(() -> search(null, null, null, "paid", null, null), "invalid-subscription-status",
                "subscriptionStatus", "FREE, CHECKOUT_PENDING, TRIALING, ACTIVE, PAST_DUE, CANCELED, UNPAID");
    }

    @Test
    void pagesAndSizesAreWholeNumbersWithinBounds() {
        int lastPage = Integer.MAX_VALUE / 100;
        assertThat(search(null, null, null, null, " " + lastPage + " ", "1").page()).isEqualTo(lastPage);
        assertRefused(() -> search(null, null, null, null, "-1", null), "invalid-page", "page", "from 0 to");
        assertRefused(() -> search(null, null, null, null, Integer.toString(lastPage + 1), null), "invalid-page",
                "page", "from 0 to " + lastPage);
        assertRefused(() -> search(null, null, null, null, null, "0"), "invalid-size", "size", "from 1 to 100");
        assertRefused(() -> search(null, null, null, null, null, "500"), "invalid-size", "size", "(got 500)");
        assertRefused(() -> search(null, null, null, null, null, "ten"), "invalid-size", "size", "(got ten)");
        assertRefused(() -> search(null, null, null, null, null, "99999999999"), "invalid-size", "size",
                "(got 99999999999)");
        assertRefused(() -> new FindAdminOrganizationsQuery(null, null, null, null, 0, 101), "invalid-size", "size",
                "(got 101)");
    }

    @Test
    void refusalsComeInTheOrderTheParametersAreRead() {
        assertRefused(() -> search("x".repeat(101), "platinum", "open", "paid", "-1", "0"), "invalid-query", "q", "");
        assertRefused(() -> search(null, "platinum", "open", "paid", "-1", "0"), "invalid-plan", "plan", "");
        assertRefused(() -> search(null, null, "open", "paid", "-1", "0"), "invalid-status", "status", "");
        assertRefused(() -> search(null, null, null, null, "-1", "0"), "invalid-page", "page", "");
    }
}
