package dev.tenantry.command.testsupport;

import dev.tenantry.command.invitation.PendingInvitations;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** One claim per (organization, email), first claim wins, as the unique constraint of pending_invitation. */
public final class InMemoryPendingInvitations implements PendingInvitations {

    private record Slot(String organizationId, String email) {
    }

    private final Map<Slot, String> claims = new HashMap<>();

    @Override
    public boolean tryClaim(String organizationId, String email, String invitationId) {
        return claims.putIfAbsent(new Slot(organizationId, email), invitationId) == null;
    }

    @Override
    public void release(String invitationId) {
        claims.values().removeIf(invitationId::equals);
    }

    public boolean isClaimed(String organizationId, String email) {
        return claims.containsKey(new Slot(organizationId, email));
    }

    public boolean holds(String invitationId) {
        return claims.containsValue(invitationId);
    }

    public int pendingIn(String organizationId) {
        return (int) claims.keySet().stream().filter(slot -> Objects.equals(slot.organizationId(), organizationId))
                .count();
    }
}
