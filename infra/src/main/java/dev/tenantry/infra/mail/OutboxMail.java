package dev.tenantry.infra.mail;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * A mail that carries a secret link. Everything but the token is stored in clear in the outbox; the token only
 * encrypted, and the link is built from it at send time, after {@code text}, on a line of its own.
 *
 * @param sourceKey what causes the mail (an event id, a token id): enqueuing one cause twice makes one mail
 * @param linkPath  appended to {@code tenantry.public-url}, with {@code {token}} replaced by the token
 */
public record OutboxMail(String sourceKey, String recipient, String subject, String text, String linkPath,
                         String token) {

    public static final String TOKEN = "{token}";
    /** How a mail's text states when its link stops working. */
    public static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public OutboxMail {
        Objects.requireNonNull(sourceKey);
        Objects.requireNonNull(recipient);
        Objects.requireNonNull(subject);
        Objects.requireNonNull(text);
        Objects.requireNonNull(token);
        if (!linkPath.startsWith("/") || !linkPath.contains(TOKEN)) {
            throw new IllegalArgumentException("A link path starts with / and holds " + TOKEN + ": " + linkPath);
        }
    }

    /** Header injection and garbled subjects: a name someone typed becomes one plain line. */
    public static String oneLine(String value) {
        return value == null ? "" : value.replaceAll("\\p{Cntrl}+", " ").strip();
    }

    @Override
    public String toString() {
        return "OutboxMail[" + sourceKey + " to " + recipient + "]";
    }
}
