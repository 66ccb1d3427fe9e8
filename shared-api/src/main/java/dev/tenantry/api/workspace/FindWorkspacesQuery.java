package dev.tenantry.api.workspace;

import dev.tenantry.api.DomainException;
import dev.tenantry.api.membership.Role;

import java.util.Locale;

/**
 * The workspaces of an organization that the viewer may see ({@link WorkspaceAccess#canSee}), ordered by name.
 *
 * @param viewerRole the viewer's role in the organization
 * @param status     {@code null} for all
 * @param search     part of the name, case-insensitive; {@code null} for any; at most {@value #MAX_SEARCH_LENGTH}
 *                   characters
 * @param limit      1 to {@value WorkspacePaging#MAX_LIMIT}
 * @param cursor     the {@link WorkspacePage#nextCursor()} of the previous page; {@code null} for the first
 */
public record FindWorkspacesQuery(String organizationId, String viewerId, Role viewerRole, WorkspaceStatus status,
                                  String search, int limit, String cursor) {

    public static final int MAX_SEARCH_LENGTH = 100;

    public FindWorkspacesQuery {
        if (search != null && search.length() > MAX_SEARCH_LENGTH) {
            throw DomainException.invalid("invalid-query", "q", "q must be at most " + MAX_SEARCH_LENGTH
                    + " characters");
        }
        WorkspacePaging.requireLimit(limit);
        WorkspacePaging.requireCursor(cursor, parts -> true);
    }

    /**
     * The query as a client asks it: {@code status} active (the default), archived or all, case-insensitive;
     * {@code limit} {@value WorkspacePaging#DEFAULT_LIMIT} when absent.
     */
    public static FindWorkspacesQuery of(String organizationId, String viewerId, Role viewerRole, String status,
                                         String search, Integer limit, String cursor) {
        return new FindWorkspacesQuery(organizationId, viewerId, viewerRole, status(status), search,
                WorkspacePaging.limitOrDefault(limit), cursor);
    }

    private static WorkspaceStatus status(String status) {
        String value = status == null ? "active" : status.toLowerCase(Locale.ROOT);
        return switch (value) {
            case "active" -> WorkspaceStatus.ACTIVE;
            case "archived" -> WorkspaceStatus.ARCHIVED;
            case "all" -> null;
            default -> throw DomainException.invalid("invalid-status", "status",
                    "status must be active, archived or all");
        };
    }
}
