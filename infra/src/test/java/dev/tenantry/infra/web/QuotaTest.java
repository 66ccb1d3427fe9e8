package dev.tenantry.infra.web;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QuotaTest {

    @Test
    void aQuotaIsWrittenAsRequestsPerPeriod() {
        assertThat(Quota.parse("20/1h")).isEqualTo(new Quota(20, Duration.ofHours(1)));
        assertThat(Quota.parse(" 1200 / 1m ")).isEqualTo(new Quota(1200, Duration.ofMinutes(1)));
        assertThat(Quota.parse("1200/1m").interval()).isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void aQuotaThatAllowsNothingOrHasNoPeriodStopsTheApp() {
        assertThatThrownBy(() -> Quota.parse("20")).hasMessageContaining("20/1h");
        assertThatThrownBy(() -> Quota.parse("0/1h")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> Quota.parse("5/0s")).hasMessageContaining("positive");
    }
}
