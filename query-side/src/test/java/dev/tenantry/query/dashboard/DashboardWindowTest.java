package dev.tenantry.query.dashboard;

import dev.tenantry.api.DomainException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class DashboardWindowTest {

    private static void assertRefused(ThrowingCallable window, String code, String field) {
        DomainException refusal = catchThrowableOfType(DomainException.class, window);
        assertThat(refusal).as("refused").isNotNull();
        assertThat(refusal.kind()).isEqualTo(DomainException.Kind.INVALID);
        assertThat(refusal.code()).isEqualTo(code);
        assertThat(refusal.field()).isEqualTo(field);
    }

    @Test
    void aDashboardSpansOneDayToAYearAndOneWeekToTwoYears() {
        assertThatNoException().isThrownBy(() -> Dashboards.requireWindow(1, 1));
        assertThatNoException().isThrownBy(() -> Dashboards.requireWindow(366, 104));
        assertThatNoException().isThrownBy(() -> Dashboards.requireWindow(Dashboards.DEFAULT_DAYS,
                Dashboards.DEFAULT_WEEKS));
        assertRefused(() -> Dashboards.requireWindow(0, 12), "invalid-days", "days");
        assertRefused(() -> Dashboards.requireWindow(367, 12), "invalid-days", "days");
        assertRefused(() -> Dashboards.requireWindow(30, 0), "invalid-weeks", "weeks");
        assertRefused(() -> Dashboards.requireWindow(30, 105), "invalid-weeks", "weeks");
    }

    @Test
    void aWindowOutOfBoundsIsRefusedBeforeAnyReadModelIsAsked() {
        Dashboards dashboards = new Dashboards(null, null, null, null);

        assertRefused(() -> dashboards.dashboard("org", 367, 12), "invalid-days", "days");
        assertRefused(() -> dashboards.dashboard("org", 30, 105), "invalid-weeks", "weeks");
    }
}
