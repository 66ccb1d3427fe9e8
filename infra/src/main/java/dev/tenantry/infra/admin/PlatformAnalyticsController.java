package dev.tenantry.infra.admin;

import dev.tenantry.api.analytics.AnalyticsOverview;
import dev.tenantry.api.analytics.AnalyticsTimeseries;
import dev.tenantry.api.analytics.FindAnalyticsOverviewQuery;
import dev.tenantry.api.analytics.FindAnalyticsTimeseriesQuery;
import dev.tenantry.api.analytics.FindSignupCohortsQuery;
import dev.tenantry.api.analytics.SignupCohorts;
import dev.tenantry.infra.apidocs.ProblemResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Platform analytics for platform admins (the {@code /api/admin/**} rule of the security configuration), from the
 * platform-analytics read model. Figures follow event time, so a rebuild of that read model reproduces them.
 */
@RestController
@RequestMapping("/api/admin/analytics")
@Tag(name = "Platform administration")
class PlatformAnalyticsController {

    private final QueryGateway queries;
    private final Clock clock;

    PlatformAnalyticsController(QueryGateway queries, Clock clock) {
        this.clock = clock;
        this.queries = queries;
    }

    @GetMapping("/overview")
    @Operation(summary = "Organizations, paying organizations and MRR by plan, ARPA, trialing and past due (platform admin)")
    AnalyticsOverview overview() {
        return queries.query(new FindAnalyticsOverviewQuery(), ResponseTypes.instanceOf(AnalyticsOverview.class))
                .join();
    }

    @GetMapping("/timeseries")
    @Operation(summary = "One metric per UTC day, ISO week or month over [from, to) (platform admin)")
    @ProblemResponse(status = 400, codes = {"invalid-metric", "invalid-interval", "invalid-instant", "invalid-range",
            "too-many-buckets"})
    AnalyticsTimeseries timeseries(@RequestParam(required = false) String metric,
                                   @RequestParam(required = false) String interval,
                                   @RequestParam(required = false) String from,
                                   @RequestParam(required = false) String to) {
        return queries.query(FindAnalyticsTimeseriesQuery.of(metric, interval, from, to, clock.instant()),
                ResponseTypes.instanceOf(AnalyticsTimeseries.class)).join();
    }

    @GetMapping("/cohorts")
    @Operation(summary = "Per signup month (UTC), the share of organizations paying 1, 2, 3 … months later (platform admin)")
    @ProblemResponse(status = 400, codes = {"invalid-month", "invalid-range", "too-many-cohorts", "invalid-months"})
    SignupCohorts cohorts(@RequestParam(required = false) String from, @RequestParam(required = false) String to,
                          @RequestParam(required = false) String months) {
        return queries.query(FindSignupCohortsQuery.of(from, to, months, clock.instant()),
                ResponseTypes.instanceOf(SignupCohorts.class)).join();
    }
}
