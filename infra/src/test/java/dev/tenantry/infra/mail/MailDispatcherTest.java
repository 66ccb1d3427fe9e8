package dev.tenantry.infra.mail;

import com.zaxxer.hikari.HikariDataSource;
import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.testsupport.DatabaseScan;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.mail.MailSendException;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The outbox's dispatcher against the real table definition on the real PostgreSQL, with an SMTP stand-in that
 * fails when told to. The table is a copy ({@code like mail_outbox including all}) in a schema of this test's own,
 * so that the app's live dispatcher and the other tests' mails stay out of it; the SQL is the production SQL.
 */
@IntegrationTest
class MailDispatcherTest {

    private static final String LINK_PATH = "/api/invitations/" + OutboxMail.TOKEN;

    @Autowired
    DataSource sharedDataSource;
    @Autowired
    JdbcTemplate sharedJdbc;
    @Autowired
    MailTokenCipher cipher;
    @Autowired
    TenantryProperties properties;

    String schema;
    JdbcTemplate jdbc;
    TransactionTemplate transaction;
    MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

    @BeforeEach
    void isolatedOutbox() throws SQLException {
        String mainSchema = sharedJdbc.queryForObject("select current_schema()", String.class);
        schema = "mail_test_" + UUID.randomUUID().toString().replace("-", "");
        sharedJdbc.execute("create schema " + schema);
        sharedJdbc.execute("create table " + schema + ".mail_outbox (like " + mainSchema
                + ".mail_outbox including all)");
        HikariDataSource shared = sharedDataSource.unwrap(HikariDataSource.class);
        String url = shared.getJdbcUrl() + (shared.getJdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + schema;
        DataSource isolated = new DriverManagerDataSource(url, shared.getUsername(),
                shared.getPassword() == null ? "" : shared.getPassword());
        jdbc = new JdbcTemplate(isolated);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(isolated));
    }

    @AfterEach
    void dropOutbox() {
        sharedJdbc.execute("drop schema " + schema + " cascade");
    }

    @Test
    void aMailThatFailsIsRetriedAfterTheBackoffAndThenSentOnce() {
        ScriptedTransport smtp = new ScriptedTransport(1);
        MailDispatcher dispatcher = dispatcher(smtp, properties);
        String token = enqueue("retry@example.com");

        assertThat(dispatcher.dispatchDue()).isZero();
        Map<String, Object> failed = row("retry@example.com");
        assertThat(failed).containsEntry("status", "PENDING").containsEntry("attempts", 1);
        assertThat(failed.get("last_error").toString()).contains("SMTP is down");
        assertThat(failed.get("token_ciphertext")).isNotNull();
        assertThat(instant(failed.get("next_attempt_at"))).isEqualTo(clock.instant().plus(Duration.ofSeconds(30)));

        clock.advance(Duration.ofSeconds(29));
        assertThat(dispatcher.dispatchDue()).as("not due before the backoff").isZero();
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatcher.dispatchDue()).isEqualTo(1);
        clock.advance(Duration.ofHours(2));
        assertThat(dispatcher.dispatchDue()).isZero();

        assertThat(smtp.attempts.get()).isEqualTo(2);
        assertThat(smtp.delivered).hasSize(1);
        Delivered mail = smtp.delivered.peek();
        assertThat(mail.recipient()).isEqualTo("retry@example.com");
        assertThat(mail.text()).endsWith("Open it:\nhttp://localhost:8080/api/invitations/" + token + "\n");
        Map<String, Object> sent = row("retry@example.com");
        assertThat(sent).containsEntry("status", "SENT").containsEntry("attempts", 2);
        assertThat(sent.get("token_ciphertext")).isNull();
        assertThat(sent.get("last_error")).isNull();
    }

    @Test
    void theMailsWaitingAreThoseBeforeTheirFirstAttemptOrARetryNotSentGivenUpOrStrandedMidSend() {
        enqueue("sent@example.com");
        assertThat(dispatcher(new ScriptedTransport(0), properties).dispatchDue()).isEqualTo(1);
        enqueue("given-up@example.com");
        assertThat(dispatcher(new ScriptedTransport(1), withMaxAttempts(1)).dispatchDue()).isZero();
        enqueue("retried@example.com");
        assertThat(dispatcher(new ScriptedTransport(1), properties).dispatchDue()).isZero();
        enqueue("fresh@example.com");
        enqueue("stranded@example.com");
        // A node that died while SMTP had it: never sent again, so no longer waiting.
        jdbc.update("update mail_outbox set status = 'SENDING' where recipient = 'stranded@example.com'");

        assertThat(row("given-up@example.com")).containsEntry("status", "FAILED");
        assertThat(row("retried@example.com")).containsEntry("status", "PENDING");
        assertThat(outbox().waiting()).isEqualTo(2);
    }

    @Test
    void aRowClaimedByOneDispatcherIsNotSentByAnotherWhileItsSendIsUnderWay() throws Exception {
        CountDownLatch sending = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ScriptedTransport slowSmtp = new ScriptedTransport(0) {
            @Override
            public void send(String recipient, String subject, String text) {
                sending.countDown();
                await(release);
                super.send(recipient, subject, text);
            }
        };
        ScriptedTransport otherSmtp = new ScriptedTransport(0);
        enqueue("once@example.com");

        ExecutorService node = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> first = node.submit(() -> dispatcher(slowSmtp, properties).dispatchDue());
            assertThat(sending.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(row("once@example.com")).containsEntry("status", "SENDING");
            clock.advance(Duration.ofDays(1));
            assertThat(dispatcher(otherSmtp, properties).dispatchDue()).isZero();
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            release.countDown();
            node.shutdownNow();
        }
        assertThat(slowSmtp.delivered).hasSize(1);
        assertThat(otherSmtp.attempts.get()).isZero();
        assertThat(row("once@example.com")).containsEntry("status", "SENT");
    }

    @Test
    void dispatchersRacingOnSeveralNodesSendEveryDueRowExactlyOnce() throws Exception {
        int mails = 40;
        int nodes = 4;
        for (int i = 0; i < mails; i++) {
            enqueue("race-" + i + "@example.com");
        }
        Queue<Delivered> delivered = new ConcurrentLinkedQueue<>();
        CyclicBarrier start = new CyclicBarrier(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                ScriptedTransport smtp = new ScriptedTransport(0);
                MailDispatcher dispatcher = dispatcher(smtp, properties);
                runs.add(pool.submit(() -> {
                    start.await(10, TimeUnit.SECONDS);
                    int sent = dispatcher.dispatchDue();
                    delivered.addAll(smtp.delivered);
                    return sent;
                }));
            }
            int total = 0;
            for (Future<Integer> run : runs) {
                total += run.get(30, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(mails);
        } finally {
            pool.shutdownNow();
        }
        assertThat(delivered).hasSize(mails);
        assertThat(delivered.stream().map(Delivered::recipient).distinct()).hasSize(mails);
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where status = 'SENT'", Integer.class))
                .isEqualTo(mails);
    }

    @Test
    void aMailThatKeepsFailingIsGivenUpAfterTheLastAttemptAndItsTokenWiped() {
        ScriptedTransport smtp = new ScriptedTransport(Integer.MAX_VALUE);
        MailDispatcher dispatcher = dispatcher(smtp, withMaxAttempts(3));
        enqueue("doomed@example.com");

        for (int i = 0; i < 10; i++) {
            dispatcher.dispatchDue();
            clock.advance(Duration.ofHours(1));
        }

        assertThat(smtp.attempts.get()).isEqualTo(3);
        Map<String, Object> row = row("doomed@example.com");
        assertThat(row).containsEntry("status", "FAILED").containsEntry("attempts", 3);
        assertThat(row.get("token_ciphertext")).isNull();
        assertThat(row.get("last_error").toString()).contains("SMTP is down");
    }

    @Test
    void aRowLeftInSendingByACrashIsNeverSentAgain() {
        enqueue("crashed@example.com");
        // A dispatcher claimed it and died before recording the outcome: SMTP may or may not have the mail.
        jdbc.update("update mail_outbox set status = 'SENDING', attempts = 1 where recipient = ?",
                "crashed@example.com");
        ScriptedTransport smtp = new ScriptedTransport(0);

        clock.advance(Duration.ofDays(30));
        assertThat(dispatcher(smtp, properties).dispatchDue()).isZero();
        assertThat(smtp.attempts.get()).isZero();
        assertThat(row("crashed@example.com")).containsEntry("status", "SENDING");
    }

    @Test
    void aCauseEnqueuedTwiceMakesOneMail() {
        OutboxMail mail = new OutboxMail("event:" + UUID.randomUUID(), "twice@example.com", "Subject", "Text",
                LINK_PATH, "token-" + UUID.randomUUID());
        Boolean first = transaction.execute(status -> outbox().enqueue(mail));
        Boolean second = transaction.execute(status -> outbox().enqueue(mail));
        assertThat(first).isTrue();
        assertThat(second).isFalse();

        ScriptedTransport smtp = new ScriptedTransport(0);
        assertThat(dispatcher(smtp, properties).dispatchDue()).isEqualTo(1);
        assertThat(smtp.delivered).hasSize(1);
    }

    @Test
    void theOutboxHoldsTheTokenOnlyEncryptedWhileWaitingAndNotAtAllOnceSent() {
        String token = enqueue("secret@example.com");

        assertThat(DatabaseScan.columnsContaining(jdbc, schema, token)).isEmpty();
        Map<String, Object> waiting = row("secret@example.com");
        assertThat((byte[]) waiting.get("token_ciphertext")).isNotEmpty();

        dispatcher(new ScriptedTransport(0), properties).dispatchDue();
        assertThat(DatabaseScan.columnsContaining(jdbc, schema, token)).isEmpty();
        assertThat(row("secret@example.com").get("token_ciphertext")).isNull();
    }

    @Test
    void aTokenRedirectedToAnotherRecipientDoesNotDecryptAndIsNotSent() {
        enqueue("victim@example.com");
        jdbc.update("update mail_outbox set recipient = 'attacker@example.com' where recipient = 'victim@example.com'");
        ScriptedTransport smtp = new ScriptedTransport(0);

        assertThat(dispatcher(smtp, properties).dispatchDue()).isZero();

        assertThat(smtp.attempts.get()).isZero();
        Map<String, Object> row = row("attacker@example.com");
        assertThat(row).containsEntry("status", "FAILED");
        assertThat(row.get("token_ciphertext")).isNull();
    }

    @Test
    void theWaitDoublesAfterEveryFailureUpToAnHour() {
        MailDispatcher dispatcher = dispatcher(new ScriptedTransport(0), properties);
        assertThat(dispatcher.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(dispatcher.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(dispatcher.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(dispatcher.backoff(8)).isEqualTo(Duration.ofHours(1));
        assertThat(dispatcher.backoff(50)).isEqualTo(Duration.ofHours(1));
    }

    private String enqueue(String recipient) {
        String token = "token-" + UUID.randomUUID();
        transaction.executeWithoutResult(status -> outbox().enqueue(new OutboxMail("test:" + UUID.randomUUID(),
                recipient, "You are invited", "Hello,\n\nOpen it:", LINK_PATH, token)));
        return token;
    }

    private MailOutbox outbox() {
        return new MailOutbox(jdbc, cipher, () -> { }, clock);
    }

    private MailDispatcher dispatcher(MailTransport transport, TenantryProperties settings) {
        return new MailDispatcher(jdbc, cipher, transport, settings, clock);
    }

    private Map<String, Object> row(String recipient) {
        return jdbc.queryForMap("select * from mail_outbox where recipient = ?", recipient);
    }

    private static Instant instant(Object timestamp) {
        return ((java.sql.Timestamp) timestamp).toInstant();
    }

    private TenantryProperties withMaxAttempts(int maxAttempts) {
        TenantryProperties.Mail mail = properties.mail();
        return new TenantryProperties(properties.dataDir(), properties.platformAdmins(), properties.jwt(),
                properties.auth(), properties.embeddedPostgres(), properties.publicUrl(),
                new TenantryProperties.Mail(mail.from(), mail.tokenKey(), maxAttempts, mail.retryBackoff(),
                        mail.pollInterval()), properties.invitations(), properties.pools());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Delivered(String recipient, String subject, String text) {
    }

    /** Refuses the first {@code failures} mails as an unreachable SMTP server would, then accepts. */
    private static class ScriptedTransport implements MailTransport {

        final AtomicInteger attempts = new AtomicInteger();
        final Queue<Delivered> delivered = new ConcurrentLinkedQueue<>();
        private final int failures;

        ScriptedTransport(int failures) {
            this.failures = failures;
        }

        @Override
        public void send(String recipient, String subject, String text) {
            if (attempts.incrementAndGet() <= failures) {
                throw new MailSendException("SMTP is down");
            }
            delivered.add(new Delivered(recipient, subject, text));
        }
    }

}
