package dev.tenantry.infra.mail;

import dev.tenantry.infra.config.TenantryProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static dev.tenantry.infra.mail.MailOutbox.utc;

/**
 * Sends due outbox rows, one at a time: claim (PENDING to SENDING, committed before SMTP is contacted), send, then
 * SENT with the token wiped. A failed send goes back to PENDING with a doubling wait, and after
 * {@code tenantry.mail.max-attempts} to FAILED. Each statement commits on its own, so the claim is visible to
 * every other node at once; {@code for update skip locked} makes two dispatchers that race for a row get it once.
 * <p>
 * At most once, by design: a row found in SENDING (this or another node died between claim and result) is never
 * taken again, because whether SMTP accepted the mail is unknown, and a duplicate invitation or reset mail is worse
 * than a missing one, which the user can ask for again (resend, a new reset request).
 */
class MailDispatcher {

    private static final Logger log = LoggerFactory.getLogger(MailDispatcher.class);
    /** A run ends after this many mails even if more are due, so that the next poll takes over. */
    private static final int MAX_PER_RUN = 100;
    private static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int MAX_ERROR_LENGTH = 1000;

    private final JdbcTemplate jdbc;
    private final MailTokenCipher cipher;
    private final MailTransport transport;
    private final String publicUrl;
    private final int maxAttempts;
    private final Duration retryBackoff;
    private final Clock clock;

    MailDispatcher(JdbcTemplate jdbc, MailTokenCipher cipher, MailTransport transport, TenantryProperties properties,
                   Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.transport = transport;
        this.publicUrl = properties.publicUrl().replaceAll("/+$", "");
        this.maxAttempts = Math.max(1, properties.mail().maxAttempts());
        this.retryBackoff = properties.mail().retryBackoff();
        this.clock = clock;
    }

    private record Claimed(String id, String recipient, String subject, String body, String linkPath,
                           byte[] tokenCiphertext, int attempts) {
    }

    /** @return how many mails SMTP accepted in this run */
    int dispatchDue() {
        int sent = 0;
        for (int i = 0; i < MAX_PER_RUN; i++) {
            Optional<Claimed> claimed = claimNext();
            if (claimed.isEmpty()) {
                break;
            }
            if (deliver(claimed.get())) {
                sent++;
            }
        }
        return sent;
    }

    private Optional<Claimed> claimNext() {
        Instant now = clock.instant();
        List<Claimed> rows = jdbc.query("""
                        update mail_outbox set status = 'SENDING', attempts = attempts + 1, updated_at = ?
                        where id = (select id from mail_outbox
                                    where status = 'PENDING' and next_attempt_at <= ?
                                    order by next_attempt_at
                                    limit 1
                                    for update skip locked)
                        returning id, recipient, subject, body, link_path, token_ciphertext, attempts""",
                (rs, n) -> new Claimed(rs.getString("id"), rs.getString("recipient"), rs.getString("subject"),
                        rs.getString("body"), rs.getString("link_path"), rs.getBytes("token_ciphertext"),
                        rs.getInt("attempts")),
                utc(now), utc(now));
        return rows.stream().findFirst();
    }

    private boolean deliver(Claimed mail) {
        String token;
        try {
            if (mail.tokenCiphertext() == null) {
                throw new GeneralSecurityException("no token");
            }
            token = cipher.decrypt(mail.tokenCiphertext(), mail.id(), mail.recipient());
        } catch (GeneralSecurityException e) {
            // Retrying cannot help: the key changed (tenantry.mail.token-key, or the JWT secret it derives from)
            // or the row was tampered with. The sender of the mail can issue a fresh one.
            log.error("Mail {} to {} cannot be sent: its token does not decrypt ({})", mail.id(), mail.recipient(),
                    e.getMessage());
            fail(mail, "token does not decrypt: " + e.getMessage());
            return false;
        }
        String link = publicUrl + mail.linkPath().replace(OutboxMail.TOKEN, token);
        try {
            transport.send(mail.recipient(), mail.subject(), mail.body() + "\n" + link + "\n");
        } catch (RuntimeException e) {
            retryOrFail(mail, e);
            return false;
        }
        jdbc.update("""
                update mail_outbox set status = 'SENT', sent_at = ?, updated_at = ?, token_ciphertext = null,
                                       last_error = null
                where id = ? and status = 'SENDING'""", utc(clock.instant()), utc(clock.instant()), mail.id());
        return true;
    }

    private void retryOrFail(Claimed mail, RuntimeException e) {
        String error = describe(e);
        if (mail.attempts() >= maxAttempts) {
            log.error("Mail {} to {} failed {} times and is given up: {}", mail.id(), mail.recipient(),
                    mail.attempts(), error);
            fail(mail, error);
            return;
        }
        Duration wait = backoff(mail.attempts());
        log.warn("Mail {} to {} failed (attempt {} of {}), retrying in {}: {}", mail.id(), mail.recipient(),
                mail.attempts(), maxAttempts, wait, error);
        Instant now = clock.instant();
        jdbc.update("""
                update mail_outbox set status = 'PENDING', next_attempt_at = ?, updated_at = ?, last_error = ?
                where id = ? and status = 'SENDING'""", utc(now.plus(wait)), utc(now), error, mail.id());
    }

    /** A given-up mail's token is useless from now on: wiped like a sent one's. */
    private void fail(Claimed mail, String error) {
        jdbc.update("""
                update mail_outbox set status = 'FAILED', updated_at = ?, token_ciphertext = null, last_error = ?
                where id = ? and status = 'SENDING'""", utc(clock.instant()), truncate(error), mail.id());
    }

    /** retry-backoff after the first failure, doubling after each further one, at most an hour. */
    Duration backoff(int failedAttempts) {
        Duration wait = retryBackoff;
        for (int i = 1; i < failedAttempts && wait.compareTo(MAX_BACKOFF) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            text.append(" / ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return truncate(text.toString());
    }

    private static String truncate(String text) {
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
