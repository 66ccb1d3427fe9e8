package dev.tenantry.api.workspace;

import java.util.List;

/** @param nextCursor {@code null} on the last page */
public record WorkspaceMemberPage(List<WorkspaceMemberView> items, String nextCursor) {
}
