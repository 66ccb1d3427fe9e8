package dev.tenantry.api.workspace;

import java.time.LocalDate;

/**
 * The dashboard's workspace figures for one organization, up to and including {@code today} (UTC).
 *
 * @param days days of the series, {@code today} included
 */
public record FindWorkspaceDashboardQuery(String organizationId, LocalDate today, int days) {
}
