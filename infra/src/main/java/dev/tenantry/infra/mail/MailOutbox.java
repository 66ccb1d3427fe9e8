package dev.tenantry.infra.mail;

import dev.tenantry.command.MailPolicies;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * Where a mail is written, in the transaction of what causes it: if that rolls back, no mail; if it commits, the
 * mail is sent after the commit (and retried by the dispatcher's poll until SMTP takes it).
 */
public class MailOutbox {

    /**
     * The subscribing processor of event handlers that enqueue mails (command-side policies): they run inside the unit
     * of work that publishes the event, so the outbox row commits with the event, and a failed write fails the command.
     */
    public static final String PROCESSING_GROUP = MailPolicies.PROCESSING_GROUP;

    private final JdbcTemplate jdbc;
    private final MailTokenCipher cipher;
    private final Runnable afterCommit;
    private final Clock clock;

    MailOutbox(JdbcTemplate jdbc, MailTokenCipher cipher, Runnable afterCommit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /** @return false when a mail for this cause is already in the outbox (the cause was handled before) */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean enqueue(OutboxMail mail) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = utc(clock.instant());
        int inserted = jdbc.update("""
                        insert into mail_outbox (id, source_key, recipient, subject, body, link_path, token_ciphertext,
                                                 status, attempts, next_attempt_at, created_at, updated_at)
                        values (?, ?, ?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?)
                        on conflict (source_key) do nothing""",
                id, mail.sourceKey(), mail.recipient(), mail.subject(), mail.text(), mail.linkPath(),
                cipher.encrypt(mail.token(), id, mail.recipient()), now, now, now);
        if (inserted == 1) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    afterCommit.run();
                }
            });
        }
        return inserted == 1;
    }

    /**
     * Mails not sent yet: waiting for their first attempt or a retry. One in {@code SENDING} is not counted: it is
     * either with SMTP this moment or was stranded by a crash and will never be sent (at most once).
     */
    public long waiting() {
        Long waiting = jdbc.queryForObject("select count(*) from mail_outbox where status = 'PENDING'", Long.class);
        return waiting == null ? 0 : waiting;
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
