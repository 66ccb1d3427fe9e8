package dev.tenantry.api.dashboard;

import java.time.LocalDate;

/**
 * The dashboard's series for one organization, up to and including {@code today} (UTC).
 *
 * @param days  days of the members series, {@code today} included
 * @param weeks ISO weeks of the invitations series, the current week included
 */
public record FindDashboardHistoryQuery(String organizationId, LocalDate today, int days, int weeks) {
}
