package dev.tenantry.command.invitation;

import dev.tenantry.api.membership.Role;

import java.time.Instant;

/**
 * The mail that carries an invitation's link to the invitee. Called inside the transaction that records the
 * invitation (or its fresh token), so that the mail goes once both commit.
 *
 * @see InvitationMailPolicy
 */
public interface InvitationMail {

    void invitation(MailedInvitation invitation);

    /**
     * @param cause            the id of the event that issued the token: one mail per cause
     * @param organizationName {@code null} if not known
     * @param inviterName      the inviter's display name, {@code null} if not known
     * @param token            the clear token, for the link and nothing else
     */
    record MailedInvitation(String cause, String invitationId, String email, String organizationName,
                            String inviterName, Role role, Instant expiresAt, String token) {

        @Override
        public String toString() {
            return "MailedInvitation[" + invitationId + " to " + email + "]";
        }
    }
}
