package dev.tenantry.infra.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for SMTP when no {@code spring.mail.host} is set, so that a local run can still follow its invitation,
 * verification and reset links: each mail is logged, link included. Never for production, where the log would hold
 * live tokens; the app warns at startup.
 */
final class LoggingMailTransport implements MailTransport {

    private static final Logger log = LoggerFactory.getLogger(LoggingMailTransport.class);

    @Override
    public void send(String recipient, String subject, String text) {
        log.info("Mail not sent (no spring.mail.host) to {}, subject \"{}\":\n{}", recipient, subject, text);
    }
}
