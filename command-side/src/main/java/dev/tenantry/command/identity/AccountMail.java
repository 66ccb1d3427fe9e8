package dev.tenantry.command.identity;

import java.time.Duration;
import java.time.Instant;

/**
 * The mails to an account's owner, each carrying a one-time token. Called inside the transaction that stores the
 * token, so that the mail goes once both commit.
 *
 * @see AccountEmailFlows
 */
public interface AccountMail {

    void emailVerification(UserAccount user, MailedToken token);

    void passwordReset(UserAccount user, MailedToken token);

    /** Failed sign-ins locked the account for {@code lockedFor}; the token resets the password. */
    void lockoutNotice(UserAccount user, Duration lockedFor, MailedToken token);

    /** @param id the token row's id: one mail per token */
    record MailedToken(String id, String token, Instant expiresAt) {
    }
}
