package dev.tenantry.command.testsupport;

import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import dev.tenantry.command.membership.MemberRoster;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The roster's contract without a database: one entry per (organization, user), replaced by each {@link #record};
 * emails belong to accounts, as in the user_account table the JDBC roster joins.
 */
public final class InMemoryMemberRoster implements MemberRoster {

    private record Key(String organizationId, String userId) {
    }

    private record Entry(Role role, MembershipStatus status) {
    }

    private final Map<Key, Entry> entries = new HashMap<>();
    private final Map<String, String> emailsByUser = new HashMap<>();
    private final Set<String> closedOrganizations = new HashSet<>();

    /** An active member with an account of this email. */
    public InMemoryMemberRoster member(String organizationId, String userId, String email, Role role) {
        emailsByUser.put(userId, email);
        record(organizationId, userId, role, MembershipStatus.ACTIVE);
        return this;
    }

    @Override
    public Optional<Role> activeRole(String organizationId, String userId) {
        Entry entry = entries.get(new Key(organizationId, userId));
        return entry == null || entry.status() != MembershipStatus.ACTIVE ? Optional.empty() : Optional.of(entry.role());
    }

    @Override
    public boolean hasActiveMemberWithEmail(String organizationId, String email) {
        return entries.entrySet().stream().anyMatch(e -> e.getKey().organizationId().equals(organizationId)
                && e.getValue().status() == MembershipStatus.ACTIVE
                && email.equals(emailsByUser.get(e.getKey().userId())));
    }

    @Override
    public void record(String organizationId, String userId, Role role, MembershipStatus status) {
        entries.put(new Key(organizationId, userId), new Entry(role, status));
    }

    @Override
    public void closeOrganization(String organizationId) {
        closedOrganizations.add(organizationId);
    }

    @Override
    public boolean isOrganizationClosed(String organizationId) {
        return closedOrganizations.contains(organizationId);
    }

    public int activeMembers(String organizationId) {
        return (int) entries.entrySet().stream().filter(e -> e.getKey().organizationId().equals(organizationId)
                && e.getValue().status() == MembershipStatus.ACTIVE).count();
    }
}
