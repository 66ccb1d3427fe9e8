package dev.tenantry.command.organization;

/**
 * Seat accounting of an organization: active members plus pending invitations never exceed the plan's limit.
 * A lookup, not an aggregate, because the count spans Membership and Invitation aggregates; {@link #lock} takes a
 * row lock that serialises every seat-changing command of one organization until its transaction ends.
 */
public interface Seats {

    /** Records a new organization with its plan's limit ({@code null}: unlimited). */
    void open(String organizationId, Integer limit);

    /** The organization's plan changed (or its limits fell back to the free plan's): {@code null} for unlimited. */
    void setLimit(String organizationId, Integer limit);

    /** Locks the organization's seats for this transaction and reports their use. */
    Usage lock(String organizationId);

    /**
     * @param limit {@code null} for unlimited
     */
    record Usage(int activeMembers, int pendingInvitations, Integer limit) {

        public int taken() {
            return activeMembers + pendingInvitations;
        }

        public boolean hasRoomFor(int more) {
            return limit == null || taken() + more <= limit;
        }
    }
}
