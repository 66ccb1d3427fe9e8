package dev.tenantry.infra.billing;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

/**
 * Signs a webhook body the way Stripe does, written apart from {@link StripeSignature} so that the tests do not
 * check the verifier against itself: lower-case hex of HMAC-SHA256, keyed with the signing secret's text, over
 * {@code "<t>.<body>"}.
 */
final class StripeSigning {

    private StripeSigning() {
    }

    static String v1(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signedPayload = (timestamp + "." + new String(body, StandardCharsets.UTF_8))
                    .getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(mac.doFinal(signedPayload));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code Stripe-Signature} header Stripe would send for this body at this time. */
    static String header(String secret, long timestamp, String body) {
        return "t=" + timestamp + ",v1=" + v1(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }
}
