package dev.tenantry.benchmark;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invitation mails in the apps' logs. An invitation's token leaves the app only inside its mail, and the
 * database holds nothing but its hash; an app with no {@code spring.mail.host} (as the benchmark starts it) logs
 * each mail with its link instead of sending it ({@code LoggingMailTransport}). Reading that log is how the
 * benchmark's invitees accept, as a person would click the link in their mailbox.
 * <p>
 * Every file is read on from where the last read ended, so polling a growing log costs only what is new. Several
 * files, because with several nodes any node's outbox poll may deliver a mail that another node wrote.
 */
final class MailLog {

    // LoggingMailTransport: "Mail not sent (no spring.mail.host) to {recipient}, subject "...":" then the text,
    // whose last line is the link.
    private static final Pattern HEADER = Pattern.compile("Mail not sent \\(no spring\\.mail\\.host\\) to (\\S+), subject ");
    private static final Pattern INVITATION_LINK = Pattern.compile("/api/invitations/([A-Za-z0-9_-]{16,})\\s*$");
    private static final Pattern VERIFICATION_LINK = Pattern.compile("/verify-email\\?token=([A-Za-z0-9_-]{16,})\\s*$");
    private static final Duration POLL = Duration.ofMillis(100);

    private final List<Path> files;
    private final long[] offsets;
    private final String[] recipients;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> verificationTokens = new HashMap<>();
    private final Map<String, Integer> deliveries = new HashMap<>();

    MailLog(List<Path> files) {
        this.files = List.copyOf(files);
        this.offsets = new long[files.size()];
        this.recipients = new String[files.size()];
    }

    /** The token of the latest invitation mail to {@code email}; waits for it, as the mail leaves after the commit. */
    String awaitInvitationToken(String email, Duration timeout) throws InterruptedException {
        return await("invitation", () -> invitationToken(email), email, timeout);
    }

    /** The token of the latest email-verification mail to {@code email} (sent at registration); waits for it. */
    String awaitVerificationToken(String email, Duration timeout) throws InterruptedException {
        return await("email-verification", () -> {
            synchronized (this) {
                readNewLines();
                return Optional.ofNullable(verificationTokens.get(email));
            }
        }, email, timeout);
    }

    private String await(String kind, Supplier<Optional<String>> token, String email,
                         Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> found = token.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("no " + kind + " mail to " + email + " in " + files + " within "
                        + timeout.toSeconds() + " s; the app must run without spring.mail.host, so that it logs its mails");
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    synchronized Optional<String> invitationToken(String email) {
        readNewLines();
        return Optional.ofNullable(tokens.get(email));
    }

    /** How many invitation mails went out to each recipient, over every log. */
    synchronized Map<String, Integer> invitationDeliveries() {
        readNewLines();
        return Map.copyOf(deliveries);
    }

    private void readNewLines() {
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            if (!Files.exists(file)) {
                continue;
            }
            try (RandomAccessFile reader = new RandomAccessFile(file.toFile(), "r")) {
                long length = reader.length();
                if (length <= offsets[i]) {
                    continue;
                }
                byte[] bytes = new byte[(int) Math.min(length - offsets[i], Integer.MAX_VALUE - 8)];
                reader.seek(offsets[i]);
                reader.readFully(bytes);
                // Only complete lines: the one still being written is read again next time.
                int lastNewline = lastNewline(bytes);
                if (lastNewline < 0) {
                    continue;
                }
                offsets[i] += lastNewline + 1;
                for (String line : new String(bytes, 0, lastNewline, StandardCharsets.UTF_8).split("\n")) {
                    read(i, line);
                }
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private void read(int file, String line) {
        Matcher header = HEADER.matcher(line);
        if (header.find()) {
            recipients[file] = header.group(1);
            return;
        }
        Matcher verification = VERIFICATION_LINK.matcher(line);
        if (recipients[file] != null && verification.find()) {
            verificationTokens.put(recipients[file], verification.group(1));
            recipients[file] = null;
            return;
        }
        Matcher link = INVITATION_LINK.matcher(line);
        if (recipients[file] != null && link.find()) {
            tokens.put(recipients[file], link.group(1));
            deliveries.merge(recipients[file], 1, Integer::sum);
            recipients[file] = null;
        }
    }

    private static int lastNewline(byte[] bytes) {
        for (int i = bytes.length - 1; i >= 0; i--) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
