package dev.tenantry.api.workspace;

import java.time.LocalDate;
import java.util.List;

/**
 * @param limit        the plan's limit of active workspaces; {@code null} for unlimited, or when no limit was
 *                     recorded yet (an organization from before workspaces)
 * @param limitKnown   whether {@code limit} was recorded
 * @param overTime     one point per UTC day, oldest first, today last
 * @param mostActive   the {@code ORGANIZATION} workspaces with the most events in the last 30 days, most first
 */
public record WorkspaceDashboardView(int active, int archived, Integer limit, boolean limitKnown,
                                     List<WorkspacesOnDay> overTime, List<ActiveWorkspace> mostActive) {

    /** Created, archived (and restored) that UTC day, and active at its end. */
    public record WorkspacesOnDay(LocalDate date, int created, int archived, int restored, int active) {
    }

    public record ActiveWorkspace(String workspaceId, String name, int events) {
    }
}
