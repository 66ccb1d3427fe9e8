package dev.tenantry.command.invitation;

/**
 * Command-side lookup enforcing one pending invitation per (organization, email). Claimed by the inviting
 * command in its transaction; released by {@link PendingInvitationsUpdater} when the invitation stops pending.
 */
public interface PendingInvitations {

    /** @return {@code false} if another invitation to this email is pending in the organization */
    boolean tryClaim(String organizationId, String email, String invitationId);

    void release(String invitationId);
}
