package dev.tenantry.infra.identity;

import dev.tenantry.command.identity.AccountMail;
import dev.tenantry.command.identity.UserAccount;
import dev.tenantry.infra.mail.MailOutbox;
import dev.tenantry.infra.mail.OutboxMail;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The account mails' words, through the outbox. The links point at {@code tenantry.public-url}, at pages of the
 * front end that post the token back to this API.
 */
@Component
class OutboxAccountMail implements AccountMail {

    static final String VERIFY_EMAIL_LINK = "/verify-email?token=" + OutboxMail.TOKEN;
    static final String RESET_PASSWORD_LINK = "/reset-password?token=" + OutboxMail.TOKEN;

    private final MailOutbox outbox;

    OutboxAccountMail(MailOutbox outbox) {
        this.outbox = outbox;
    }

    @Override
    public void emailVerification(UserAccount user, MailedToken token) {
        String text = """
                Hello %s,

                please confirm that %s is your email address by opening the link below. It works once, until %s.

                If you did not sign up for Tenantry, you can ignore this mail.

                Confirm your email address:""".formatted(OutboxMail.oneLine(user.displayName()), user.email(),
                OutboxMail.EXPIRY.format(token.expiresAt()));
        send(user, token, "Confirm your email address for Tenantry", text, VERIFY_EMAIL_LINK);
    }

    @Override
    public void passwordReset(UserAccount user, MailedToken token) {
        String text = """
                Hello %s,

                someone, hopefully you, asked to reset the password of the Tenantry account %s. The link below \
                lets you choose a new one; it works once, until %s. Setting a new password signs out every \
                session of the account.

                If you did not ask for this, ignore this mail: your password stays as it is.

                Choose a new password:""".formatted(OutboxMail.oneLine(user.displayName()), user.email(),
                OutboxMail.EXPIRY.format(token.expiresAt()));
        send(user, token, "Reset your Tenantry password", text, RESET_PASSWORD_LINK);
    }

    @Override
    public void lockoutNotice(UserAccount user, Duration lockedFor, MailedToken token) {
        String text = """
                Hello %s,

                there were several failed attempts to sign in to the Tenantry account %s, so signing in to it is \
                blocked for %s. Signing in works again after that with the right password.

                If this was not you, someone may be guessing your password: choose a new one with the link below \
                (it works once, until %s). Setting a new password signs out every session of the account.

                Choose a new password:""".formatted(OutboxMail.oneLine(user.displayName()), user.email(),
                describe(lockedFor), OutboxMail.EXPIRY.format(token.expiresAt()));
        send(user, token, "Sign-in to your Tenantry account was blocked", text, RESET_PASSWORD_LINK);
    }

    private void send(UserAccount user, MailedToken token, String subject, String text, String link) {
        outbox.enqueue(new OutboxMail("account-token:" + token.id(), user.email(), subject, text, link,
                token.token()));
    }

    private static String describe(Duration duration) {
        long seconds = Math.max(1, duration.toSeconds());
        return seconds % 60 == 0 ? (seconds / 60) + " minute" + (seconds == 60 ? "" : "s") : seconds + " seconds";
    }
}
