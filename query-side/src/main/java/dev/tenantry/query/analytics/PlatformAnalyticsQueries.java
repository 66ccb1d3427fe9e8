package dev.tenantry.query.analytics;

import dev.tenantry.api.analytics.AdminOrganizationPage;
import dev.tenantry.api.analytics.AnalyticsInterval;
import dev.tenantry.api.analytics.AnalyticsMetric;
import dev.tenantry.api.analytics.AnalyticsOverview;
import dev.tenantry.api.analytics.AnalyticsTimeseries;
import dev.tenantry.api.analytics.FindAdminOrganizationsQuery;
import dev.tenantry.api.analytics.FindAnalyticsOverviewQuery;
import dev.tenantry.api.analytics.FindAnalyticsTimeseriesQuery;
import dev.tenantry.api.analytics.FindSignupCohortsQuery;
import dev.tenantry.api.analytics.SignupCohorts;
import dev.tenantry.api.billing.Plan;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.OrganizationStatus;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.tenantry.query.analytics.PlatformAnalyticsProjection.ts;

/**
 * Figures over the platform-analytics read model, priced with the plan catalog as it is now ({@link PlanPrices}).
 * Nothing here reads the event store.
 */
@Component
class PlatformAnalyticsQueries {

    private final JdbcTemplate jdbc;
    private final PlanPrices plans;

    PlatformAnalyticsQueries(JdbcTemplate jdbc, PlanPrices plans) {
        this.jdbc = jdbc;
        this.plans = plans;
    }

    @QueryHandler
    AnalyticsOverview handle(FindAnalyticsOverviewQuery query) {
        Map<String, Object> counts = jdbc.queryForMap("""
                select count(*) as total,
                       count(*) filter (where status = 'ACTIVE') as active,
                       count(*) filter (where subscription_status = 'TRIALING') as trialing,
                       count(*) filter (where subscription_status = 'PAST_DUE') as past_due
                from analytics_organization""");
        Map<String, Long> payingByPlan = paidPlansWith(0L);
        jdbc.query("""
                select plan, count(*) as n from analytics_organization
                where subscription_status in ('ACTIVE', 'PAST_DUE') group by plan""",
                rs -> {
                    payingByPlan.put(rs.getString("plan"), rs.getLong("n"));
                });
        Map<String, Long> prices = prices();
        Map<String, Long> mrrByPlan = new LinkedHashMap<>();
        payingByPlan.forEach((plan, organizations) -> mrrByPlan.put(plan,
                organizations * prices.getOrDefault(plan, 0L)));
        long paying = payingByPlan.values().stream().mapToLong(Long::longValue).sum();
        long mrr = mrrByPlan.values().stream().mapToLong(Long::longValue).sum();
        return new AnalyticsOverview(
                new AnalyticsOverview.Organizations(number(counts, "total"), number(counts, "active")),
                new AnalyticsOverview.Paying(paying, payingByPlan),
                new AnalyticsOverview.Mrr(currency(), mrr, mrrByPlan),
                paying == 0 ? 0 : Math.round((double) mrr / paying),
                number(counts, "trialing"), number(counts, "past_due"));
    }

    @QueryHandler
    AnalyticsTimeseries handle(FindAnalyticsTimeseriesQuery query) {
        AnalyticsInterval interval = query.interval();
        List<Instant> starts = new ArrayList<>();
        for (Instant start = interval.floor(query.from()); start.isBefore(query.to()); start = interval.next(start)) {
            starts.add(start);
        }
        if (starts.isEmpty()) {
            starts.add(interval.floor(query.from()));
        }
        List<Instant> ends = starts.stream().map(interval::next).toList();
        long[] values = switch (query.metric()) {
            case MRR -> mrr(ends);
            case UPGRADES -> planChanges(interval, starts, ends, true);
            case DOWNGRADES -> planChanges(interval, starts, ends, false);
            default -> counts(factOf(query.metric()), interval, starts, ends);
        };
        List<AnalyticsTimeseries.Point> points = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            points.add(new AnalyticsTimeseries.Point(starts.get(i), ends.get(i), values[i]));
        }
        return new AnalyticsTimeseries(query.metric().key(), interval.key(), starts.get(0), ends.get(ends.size() - 1),
                query.metric() == AnalyticsMetric.MRR ? currency() : null, points);
    }

    private static String factOf(AnalyticsMetric metric) {
        return switch (metric) {
            case USER_SIGNUPS -> AnalyticsFacts.USER_SIGNUPS;
            case ORGANIZATION_SIGNUPS -> AnalyticsFacts.ORGANIZATION_SIGNUPS;
            case NEW_PAID_SUBSCRIPTIONS -> AnalyticsFacts.NEW_PAID_SUBSCRIPTIONS;
            case CHURNED_SUBSCRIPTIONS -> AnalyticsFacts.CHURNED_SUBSCRIPTIONS;
            case FAILED_PAYMENTS -> AnalyticsFacts.FAILED_PAYMENTS;
            case INVITATIONS_ACCEPTED -> AnalyticsFacts.INVITATIONS_ACCEPTED;
            case MRR, UPGRADES, DOWNGRADES -> throw new IllegalArgumentException(metric + " is not a plain count");
        };
    }

    /** Events of the fact per bucket; PostgreSQL's date_trunc on UTC times gives the same day, ISO week and month. */
    private long[] counts(String fact, AnalyticsInterval interval, List<Instant> starts, List<Instant> ends) {
        long[] values = new long[starts.size()];
        Map<Instant, Integer> index = indexOf(starts);
        jdbc.query("""
                select date_trunc(?, occurred_at at time zone 'UTC') as bucket, count(*) as n
                from analytics_fact where metric = ? and occurred_at >= ? and occurred_at < ?
                group by 1""",
                rs -> {
                    Integer at = index.get(bucket(rs));
                    if (at != null) {
                        values[at] += rs.getLong("n");
                    }
                },
                interval.key(), fact, ts(starts.get(0)), ts(ends.get(ends.size() - 1)));
        return values;
    }

    /** Plan changes of paying subscriptions to a dearer plan (upgrades) or a cheaper one, at today's prices. */
    private long[] planChanges(AnalyticsInterval interval, List<Instant> starts, List<Instant> ends, boolean upgrades) {
        long[] values = new long[starts.size()];
        Map<Instant, Integer> index = indexOf(starts);
        Map<String, Long> prices = prices();
        jdbc.query("""
                select date_trunc(?, occurred_at at time zone 'UTC') as bucket, previous_plan, plan, count(*) as n
                from analytics_fact where metric = ? and occurred_at >= ? and occurred_at < ?
                group by 1, 2, 3""",
                rs -> {
                    Integer at = index.get(bucket(rs));
                    long from = prices.getOrDefault(rs.getString("previous_plan"), 0L);
                    long to = prices.getOrDefault(rs.getString("plan"), 0L);
                    if (at != null && (upgrades ? to > from : to < from)) {
                        values[at] += rs.getLong("n");
                    }
                },
                interval.key(), AnalyticsFacts.PLAN_CHANGES, ts(starts.get(0)), ts(ends.get(ends.size() - 1)));
        return values;
    }

    /**
     * MRR at the end of each bucket: the prices of the paid periods open just before it, i.e. after every event of
     * the bucket. A sweep over the periods' starts and ends, in time order.
     */
    private long[] mrr(List<Instant> ends) {
        Map<String, Long> prices = prices();
        List<Change> changes = new ArrayList<>();
        jdbc.query("""
                select plan, started_at, ended_at from analytics_paid_period
                where started_at < ? and (ended_at is null or ended_at >= ?)""",
                rs -> {
                    long price = prices.getOrDefault(rs.getString("plan"), 0L);
                    changes.add(new Change(instant(rs, "started_at"), price));
                    Instant ended = instant(rs, "ended_at");
                    if (ended != null) {
                        changes.add(new Change(ended, -price));
                    }
                },
                ts(ends.get(ends.size() - 1)), ts(ends.get(0)));
        changes.sort(Comparator.comparing(Change::at));
        long[] values = new long[ends.size()];
        long level = 0;
        int next = 0;
        for (int i = 0; i < ends.size(); i++) {
            while (next < changes.size() && changes.get(next).at().isBefore(ends.get(i))) {
                level += changes.get(next++).cents();
            }
            values[i] = level;
        }
        return values;
    }

    private record Change(Instant at, long cents) {
    }

    @QueryHandler
    SignupCohorts handle(FindSignupCohortsQuery query) {
        Instant from = start(query.from());
        Instant to = start(query.to().plusMonths(1));
        Map<String, Instant> created = new HashMap<>();
        jdbc.query("select tenant_id, created_at from analytics_organization where created_at >= ? and created_at < ?",
                rs -> {
                    created.put(rs.getString("tenant_id"), instant(rs, "created_at"));
                }, ts(from), ts(to));
        Map<String, List<Instant[]>> periods = new HashMap<>();
        jdbc.query("""
                select p.tenant_id, p.started_at, p.ended_at
                from analytics_paid_period p join analytics_organization o on o.tenant_id = p.tenant_id
                where o.created_at >= ? and o.created_at < ?""",
                rs -> {
                    periods.computeIfAbsent(rs.getString("tenant_id"), id -> new ArrayList<>())
                            .add(new Instant[]{instant(rs, "started_at"), instant(rs, "ended_at")});
                }, ts(from), ts(to));
        Map<YearMonth, List<String>> byMonth = created.entrySet().stream().collect(Collectors.groupingBy(
                entry -> YearMonth.from(entry.getValue().atOffset(ZoneOffset.UTC)),
                Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        List<SignupCohorts.Cohort> cohorts = new ArrayList<>();
        for (YearMonth month = query.from(); !month.isAfter(query.to()); month = month.plusMonths(1)) {
            List<String> members = byMonth.getOrDefault(month, List.of());
            List<SignupCohorts.Retention> paying = new ArrayList<>();
            // Age k is reported once the cohort's last possible signup (its month's end) is k months old.
            for (int k = 1; k <= query.months() && !start(month.plusMonths(k + 1)).isAfter(query.asOf()); k++) {
                int age = k;
                long count = members.stream()
                        .filter(id -> payingAt(periods.getOrDefault(id, List.of()),
                                created.get(id).atOffset(ZoneOffset.UTC).plusMonths(age).toInstant()))
                        .count();
                double share = members.isEmpty() ? 0 : Math.round(count * 10000.0 / members.size()) / 10000.0;
                paying.add(new SignupCohorts.Retention(k, count, share));
            }
            cohorts.add(new SignupCohorts.Cohort(month, members.size(), paying));
        }
        return new SignupCohorts(query.asOf(), cohorts);
    }

    /** Holding a paid subscription at that instant, after every event stamped up to it. */
    private static boolean payingAt(List<Instant[]> periods, Instant at) {
        return periods.stream().anyMatch(period -> !period[0].isAfter(at) && (period[1] == null || period[1].isAfter(at)));
    }

    @QueryHandler
    AdminOrganizationPage handle(FindAdminOrganizationsQuery query) {
        StringBuilder where = new StringBuilder(" where true");
        List<Object> arguments = new ArrayList<>();
        if (query.text() != null && !query.text().isBlank()) {
            where.append(" and (lower(name) like ? escape '\\' or lower(slug) like ? escape '\\')");
            String pattern = "%" + query.text().trim().toLowerCase(Locale.ROOT)
                    .replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            arguments.add(pattern);
            arguments.add(pattern);
        }
        if (query.plan() != null) {
            where.append(" and plan = ?");
            arguments.add(query.plan());
        }
        if (query.status() != null) {
            where.append(" and status = ?");
            arguments.add(query.status().name());
        }
        if (query.subscriptionStatus() != null) {
            where.append(" and subscription_status = ?");
            arguments.add(query.subscriptionStatus().name());
        }
        Long total = jdbc.queryForObject("select count(*) from analytics_organization" + where, Long.class,
                arguments.toArray());
        List<Object> paged = new ArrayList<>(arguments);
        paged.add(query.size());
        paged.add((long) query.page() * query.size());
        List<AdminOrganizationPage.AdminOrganization> items = jdbc.query("""
                select tenant_id, name, slug, status, plan, subscription_status, created_at, closed_at
                from analytics_organization""" + where + " order by created_at desc, tenant_id limit ? offset ?",
                (rs, row) -> new AdminOrganizationPage.AdminOrganization(rs.getString("tenant_id"),
                        rs.getString("name"), rs.getString("slug"), OrganizationStatus.valueOf(rs.getString("status")),
                        rs.getString("plan"), rs.getString("subscription_status") == null ? null
                        : SubscriptionStatus.valueOf(rs.getString("subscription_status")),
                        instant(rs, "created_at"), instant(rs, "closed_at")),
                paged.toArray());
        return new AdminOrganizationPage(items, query.page(), query.size(), total == null ? 0 : total);
    }

    /** Every configured paid plan, cheapest first, each with the value; plans found in rows are added after. */
    private Map<String, Long> paidPlansWith(long value) {
        Map<String, Long> byPlan = new LinkedHashMap<>();
        plans.all().stream().filter(plan -> !plan.isFree()).forEach(plan -> byPlan.put(plan.key(), value));
        return byPlan;
    }

    /** A plan no longer configured is priced 0: its organizations still count, its revenue is unknown. */
    private Map<String, Long> prices() {
        return plans.all().stream().collect(Collectors.toMap(Plan::key, Plan::monthlyPriceCents));
    }

    /** All plans are assumed to share one currency: the default plan's. */
    private String currency() {
        return plans.defaultPlan().currency();
    }

    private static Map<Instant, Integer> indexOf(List<Instant> starts) {
        Map<Instant, Integer> index = new HashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            index.put(starts.get(i), i);
        }
        return index;
    }

    private static Instant bucket(ResultSet rs) throws SQLException {
        return rs.getObject("bucket", LocalDateTime.class).toInstant(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    private static long number(Map<String, Object> row, String column) {
        return ((Number) row.get(column)).longValue();
    }
}
