package dev.tenantry.infra.mail;

/** Hands one plain-text mail to the outside world. Throws when it was not accepted; the outbox then retries. */
interface MailTransport {

    void send(String recipient, String subject, String text);
}
