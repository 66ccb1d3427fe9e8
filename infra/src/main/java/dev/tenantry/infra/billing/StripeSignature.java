package dev.tenantry.infra.billing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Checks a {@code Stripe-Signature} header the way Stripe's libraries do: {@code t=<unix seconds>} and one or more
 * {@code v1=<hex HMAC-SHA256>} entries, the HMAC keyed with the endpoint's whole signing secret ({@code whsec_...}
 * as text) over {@code "<t>.<raw body>"}. Any {@code v1} may match (Stripe sends several while a secret is being
 * rolled); other schemes ({@code v0}) are ignored. Unlike Stripe's libraries, a timestamp too far in the future
 * is refused as well as one too old.
 */
final class StripeSignature {

    static final Duration TOLERANCE = Duration.ofSeconds(300);

    private final SecretKeySpec key;
    private final Duration tolerance;
    private final Clock clock;

    StripeSignature(String secret, Duration tolerance, Clock clock) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Why a delivery is refused; the message is safe to show the sender. */
    static final class InvalidSignatureException extends RuntimeException {
        InvalidSignatureException(String message) {
            super(message);
        }
    }

    /** @throws InvalidSignatureException unless the header signs exactly this body, recently enough */
    void verify(byte[] body, String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidSignatureException("The Stripe-Signature header is missing");
        }
        Long timestamp = null;
        List<String> signatures = new ArrayList<>();
        for (String element : header.split(",")) {
            int equals = element.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String name = element.substring(0, equals).strip();
            String value = element.substring(equals + 1).strip();
            if (name.equals("t") && timestamp == null) {
                timestamp = parseTimestamp(value);
            } else if (name.equals("v1")) {
                signatures.add(value);
            }
        }
        if (timestamp == null) {
            throw new InvalidSignatureException("The Stripe-Signature header has no timestamp");
        }
        if (signatures.isEmpty()) {
            throw new InvalidSignatureException("The Stripe-Signature header has no v1 signature");
        }
        byte[] expected = HexFormat.of().formatHex(hmac(timestamp, body)).getBytes(StandardCharsets.US_ASCII);
        boolean matches = false;
        for (String signature : signatures) {
            // Every candidate is compared, in constant time, so the timing tells nothing about any of them.
            matches |= MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
        }
        if (!matches) {
            throw new InvalidSignatureException("No signature matches the body");
        }
        long age = clock.instant().getEpochSecond() - timestamp;
        if (Math.abs(age) > tolerance.toSeconds()) {
            throw new InvalidSignatureException("The signature's timestamp is more than " + tolerance.toSeconds()
                    + " seconds from now");
        }
    }

    private byte[] hmac(long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static Long parseTimestamp(String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidSignatureException("The Stripe-Signature timestamp is not a number");
        }
    }
}
