package dev.tenantry.api.analytics;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/** @param asOf the instant the elapsed months are counted to */
public record SignupCohorts(Instant asOf, List<Cohort> cohorts) {

    /**
     * @param month         the signup month (UTC)
     * @param organizations organizations created in it, closed ones included
     * @param paying        for k = 1, 2, 3 …: how many were paying k months after their own signup
     */
    public record Cohort(YearMonth month, long organizations, List<Retention> paying) {
    }

    /**
     * @param month         months after signup
     * @param organizations organizations of the cohort holding an ACTIVE or PAST_DUE paid subscription at their
     *                      creation instant plus that many calendar months
     * @param share         organizations / cohort size, rounded to 4 decimals (0 for an empty cohort)
     */
    public record Retention(int month, long organizations, double share) {
    }
}
