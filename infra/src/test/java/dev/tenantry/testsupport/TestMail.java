package dev.tenantry.testsupport;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One in-process SMTP server (GreenMail) per test JVM, which the shared app sends every mail to. Every test shares
 * its mailbox: look mails up by a recipient address unique to the test.
 */
public class TestMail implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    private static final Pattern LINK = Pattern.compile("https?://\\S+");
    private static GreenMail server;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("spring.mail.host=localhost", "spring.mail.port=" + server().getSmtp().getPort())
                .applyTo(context.getEnvironment());
    }

    private static synchronized GreenMail server() {
        if (server == null) {
            GreenMail started = new GreenMail(ServerSetup.SMTP.dynamicPort());
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "greenmail-stop"));
            server = started;
        }
        return server;
    }

    /** A received mail, decoded. */
    public record Mail(String to, String from, String subject, String body) {

        /** The first http(s) URL in the body. */
        public String link() {
            Matcher matcher = LINK.matcher(body);
            if (!matcher.find()) {
                throw new AssertionError("No link in mail to " + to + ":\n" + body);
            }
            return matcher.group();
        }

        /** The link's last path segment or its {@code token} query parameter. */
        public String token() {
            String link = link();
            int query = link.indexOf("?token=");
            return query >= 0 ? link.substring(query + "?token=".length()) : link.substring(link.lastIndexOf('/') + 1);
        }
    }

    /** Every mail received so far for this address, oldest first. */
    public static List<Mail> messagesTo(String address) {
        return Arrays.stream(server().getReceivedMessages())
                .filter(message -> isTo(message, address))
                .map(TestMail::decode)
                .toList();
    }

    /** Waits (up to 10 s) until at least {@code count} mails for this address have arrived, and returns them all. */
    public static List<Mail> awaitMessagesTo(String address, int count) {
        return awaitMessagesTo(address, null, count);
    }

    public static Mail awaitMessageTo(String address) {
        return awaitMessagesTo(address, 1).get(0);
    }

    /** As {@link #awaitMessagesTo(String, int)}, counting only mails with this subject ({@code null}: any). */
    public static List<Mail> awaitMessagesTo(String address, String subject, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            List<Mail> mails = messagesTo(address).stream()
                    .filter(mail -> subject == null || subject.equals(mail.subject()))
                    .toList();
            if (mails.size() >= count) {
                return mails;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Expected " + count + " mail(s) to " + address
                        + (subject == null ? "" : " with subject '" + subject + "'") + ", got " + mails.size());
            }
            sleep(20);
        }
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(recipient -> recipient.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Mail decode(MimeMessage message) {
        try {
            return new Mail(message.getRecipients(Message.RecipientType.TO)[0].toString(),
                    message.getFrom()[0].toString(), message.getSubject(),
                    String.valueOf(message.getContent()).replace("\r\n", "\n"));
        } catch (MessagingException | java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
