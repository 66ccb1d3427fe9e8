package dev.tenantry.command.testsupport;

import dev.tenantry.command.organization.Seats;

import java.util.HashMap;
import java.util.Map;

/**
 * Seats counted from the in-memory roster and pending invitations, as the JDBC seats count their tables. There is
 * one thread and no transaction here, so {@link #lock} only reports.
 */
public final class InMemorySeats implements Seats {

    private final InMemoryMemberRoster roster;
    private final InMemoryPendingInvitations pending;
    private final Map<String, Integer> limits = new HashMap<>();

    public InMemorySeats(InMemoryMemberRoster roster, InMemoryPendingInvitations pending) {
        this.roster = roster;
        this.pending = pending;
    }

    /** The organization's plan allows this many seats; {@code null}: unlimited. */
    public InMemorySeats limit(String organizationId, Integer limit) {
        limits.put(organizationId, limit);
        return this;
    }

    @Override
    public void open(String organizationId, Integer limit) {
        limits.putIfAbsent(organizationId, limit);
    }

    @Override
    public void setLimit(String organizationId, Integer limit) {
        limits.put(organizationId, limit);
    }

    @Override
    public Usage lock(String organizationId) {
        if (!limits.containsKey(organizationId)) {
            throw new IllegalStateException("No seats opened for " + organizationId);
        }
        return new Usage(roster.activeMembers(organizationId), pending.pendingIn(organizationId),
                limits.get(organizationId));
    }
}
