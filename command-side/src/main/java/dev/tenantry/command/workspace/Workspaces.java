package dev.tenantry.command.workspace;

import java.util.List;

/**
 * Command-side lookup of an organization's workspaces, written in the same transaction as the events it guards:
 * the plan's workspace limit, the names of the active workspaces (unique per organization, compared by
 * {@link dev.tenantry.api.workspace.WorkspaceAccess#nameKey}) and who belongs to which workspace, for the policies.
 * An active workspace holds exactly one name claim, so the claims are also the count the limit applies to.
 */
public interface Workspaces {

    /** Records an organization's limit ({@code null}: unlimited) unless it has one already. */
    void open(String organizationId, Integer limit);

    /** The plan changed (or fell back to the free plan's limits): {@code null} for unlimited. */
    void setLimit(String organizationId, Integer limit);

    /**
     * The organization has what every organization gets with workspaces: its limit on record and its default
     * workspace (none if it is closed). Organizations created since have it from the start; those from before get it
     * from the upgrade backfill, which marks them so that it visits each once.
     */
    void markSetUp(String organizationId);

    /**
     * Organizations not marked {@linkplain #markSetUp set up}, in id order after {@code afterId} ({@code null}: from
     * the first), at most {@code max}.
     */
    List<String> organizationsNotSetUp(String afterId, int max);

    /**
     * Locks the organization's workspace count for this transaction (a row lock, like the seats: the next creation
     * or restore of this organization counts only after this one committed or rolled back) and reports it.
     */
    Usage lock(String organizationId);

    /**
     * Claims the name key for the workspace; a claim it held under another key is released.
     *
     * @return {@code false} if another active workspace of the organization holds it (a concurrent claimant
     * committed first)
     */
    boolean tryClaimName(String organizationId, String nameKey, String workspaceId);

    /** The workspace was archived: its name is free, and it no longer counts. */
    void releaseName(String workspaceId);

    /** The active workspaces of the organization. */
    List<String> activeWorkspaces(String organizationId);

    void recordMember(String organizationId, String workspaceId, String userId);

    void forgetMember(String workspaceId, String userId);

    /** The workspaces of the organization the user belongs to, archived ones included. */
    List<String> workspacesOf(String organizationId, String userId);

    /**
     * @param limit {@code null} for unlimited
     */
    record Usage(int active, Integer limit) {

        public boolean hasRoomForOneMore() {
            return limit == null || active < limit;
        }
    }
}
