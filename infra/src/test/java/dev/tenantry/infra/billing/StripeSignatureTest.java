package dev.tenantry.infra.billing;

import dev.tenantry.infra.billing.StripeSignature.InvalidSignatureException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StripeSignatureTest {

    private static final String SECRET = "whsec_unit_test_secret";
    private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");
    /** Not ASCII: the signature is over the body's bytes as sent. */
    private static final byte[] BODY = """
            {"id":"evt_1","type":"invoice.paid","data":{"object":{"customer_name":"Zoë Ødegård"}}}"""
            .getBytes(StandardCharsets.UTF_8);

    private final StripeSignature signature = new StripeSignature(SECRET, StripeSignature.TOLERANCE,
            Clock.fixed(NOW, ZoneOffset.UTC));

    private static long now() {
        return NOW.getEpochSecond();
    }

    @Test
    void aBodySignedWithTheSecretJustNowIsAccepted() {
        assertThatCode(() -> signature.verify(BODY, "t=" + now() + ",v1=" + StripeSigning.v1(SECRET, now(), BODY)))
                .doesNotThrowAnyException();
    }

    @Test
    void anyOfSeveralV1SignaturesMayMatchAndOtherSchemesAreIgnored() {
        String header = "t=" + now() + ", v0=" + StripeSigning.v1("whsec_other", now(), BODY)
                + ", v1=" + StripeSigning.v1("whsec_old_secret", now(), BODY)
                + ", v1=" + StripeSigning.v1(SECRET, now(), BODY);

        assertThatCode(() -> signature.verify(BODY, header)).doesNotThrowAnyException();
    }

    @Test
    void aSignatureMadeWithAnotherSecretIsRefused() {
        assertRefused(BODY, "t=" + now() + ",v1=" + StripeSigning.v1("whsec_someone_else", now(), BODY),
                "No signature matches");
    }

    @Test
    void aBodyChangedAfterSigningIsRefused() {
        byte[] changed = BODY.clone();
        changed[changed.length - 3] = 'X';

        assertRefused(changed, "t=" + now() + ",v1=" + StripeSigning.v1(SECRET, now(), BODY), "No signature matches");
    }

    @Test
    void aSignatureOverAnotherTimestampIsRefused() {
        assertRefused(BODY, "t=" + now() + ",v1=" + StripeSigning.v1(SECRET, now() - 1, BODY), "No signature matches");
    }

    @Test
    void onlyTheV1SchemeCounts() {
        assertRefused(BODY, "t=" + now() + ",v0=" + StripeSigning.v1(SECRET, now(), BODY), "no v1 signature");
    }

    @Test
    void aMissingOrMalformedHeaderIsRefused() {
        assertRefused(BODY, null, "missing");
        assertRefused(BODY, "  ", "missing");
        assertRefused(BODY, "v1=" + StripeSigning.v1(SECRET, now(), BODY), "no timestamp");
        assertRefused(BODY, "t=soon,v1=" + StripeSigning.v1(SECRET, now(), BODY), "not a number");
        assertRefused(BODY, "garbage", "no timestamp");
    }

    @Test
    void aSignatureUpToFiveMinutesOldIsAcceptedAndAnOlderOneIsRefused() {
        long edge = now() - 300;
        assertThatCode(() -> signature.verify(BODY, "t=" + edge + ",v1=" + StripeSigning.v1(SECRET, edge, BODY)))
                .doesNotThrowAnyException();

        long stale = now() - 301;
        assertRefused(BODY, "t=" + stale + ",v1=" + StripeSigning.v1(SECRET, stale, BODY), "300 seconds");
    }

    @Test
    void aSignatureFromMoreThanFiveMinutesInTheFutureIsRefused() {
        long edge = now() + 300;
        assertThatCode(() -> signature.verify(BODY, "t=" + edge + ",v1=" + StripeSigning.v1(SECRET, edge, BODY)))
                .doesNotThrowAnyException();

        long future = now() + 301;
        assertRefused(BODY, "t=" + future + ",v1=" + StripeSigning.v1(SECRET, future, BODY), "300 seconds");
    }

    private void assertRefused(byte[] body, String header, String reason) {
        assertThatThrownBy(() -> signature.verify(body, header))
                .isInstanceOf(InvalidSignatureException.class)
                .hasMessageContaining(reason);
    }
}
