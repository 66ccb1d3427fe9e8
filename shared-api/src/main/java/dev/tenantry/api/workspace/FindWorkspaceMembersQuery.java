package dev.tenantry.api.workspace;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * A workspace's members, ordered by when they joined; the caller has checked that the viewer may see it.
 *
 * @param limit  1 to {@value WorkspacePaging#MAX_LIMIT}
 * @param cursor the {@link WorkspaceMemberPage#nextCursor()} of the previous page; {@code null} for the first
 */
public record FindWorkspaceMembersQuery(String organizationId, String workspaceId, int limit, String cursor) {

    public FindWorkspaceMembersQuery {
        WorkspacePaging.requireLimit(limit);
        WorkspacePaging.requireCursor(cursor, FindWorkspaceMembersQuery::startsWithAnInstant);
    }

    /** The query as a client asks it: {@code limit} {@value WorkspacePaging#DEFAULT_LIMIT} when absent. */
    public static FindWorkspaceMembersQuery of(String organizationId, String workspaceId, Integer limit,
                                               String cursor) {
        return new FindWorkspaceMembersQuery(organizationId, workspaceId, WorkspacePaging.limitOrDefault(limit),
                cursor);
    }

    /** A member list's cursor starts with the instant its last member was added. */
    private static boolean startsWithAnInstant(List<String> parts) {
        try {
            Instant.parse(parts.get(0));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
