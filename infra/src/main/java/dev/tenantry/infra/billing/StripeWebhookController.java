package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.infra.web.ApiException;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;

/**
 * Stripe's webhook endpoint. No JWT: the {@code Stripe-Signature} over the raw body, with the endpoint's signing
 * secret, is the authentication, so the body is taken as bytes and only parsed once it is verified.
 * <p>
 * Answers: 200 once the event is done with (processed, a duplicate, ignored, unresolvable or refused for good);
 * 400 {@code invalid-signature} or {@code malformed-event} and nothing recorded; 503 {@code billing-not-configured}
 * without a signing secret; any other failure is a 5xx (or 409 for a lost race) with nothing recorded, and Stripe
 * delivers the event again.
 */
@RestController
@Tag(name = "Billing")
class StripeWebhookController {

    static final String PATH = "/api/webhooks/stripe";
    /** The meter of every delivery, tagged with its {@code outcome} and the event's {@code type}. */
    static final String METER = "tenantry.stripe.webhooks";
    /** The {@code type} tag of a delivery refused before its body was read. */
    static final String UNKNOWN_TYPE = "unknown";

    private final StripeWebhooks webhooks;
    private final ObjectMapper json;
    private final MeterRegistry meters;
    /** {@code null} without a signing secret. */
    private final StripeSignature signature;

    StripeWebhookController(StripeWebhooks webhooks, ObjectMapper json, StripeProperties stripe, MeterRegistry meters,
                            Clock clock) {
        this.webhooks = webhooks;
        this.json = json;
        this.meters = meters;
        this.signature = StringUtils.hasText(stripe.webhookSecret())
                ? new StripeSignature(stripe.webhookSecret().strip(), StripeSignature.TOLERANCE, clock)
                : null;
    }

    /** @param outcome processed, duplicate, ignored, unresolved, rejected or unhandled */
    record Receipt(boolean received, String outcome) {
    }

    /**
     * Every delivery is counted, refusals included: a run of {@code invalid-signature} is a rotated secret or someone
     * knocking, {@code failed} deliveries are ones Stripe will retry.
     */
    @PostMapping(PATH)
    @Operation(summary = "Stripe's webhook (authenticated by its Stripe-Signature, not a JWT)")
    Receipt receive(@RequestHeader(name = "Stripe-Signature", required = false) String signatureHeader,
                    @RequestBody(required = false) byte[] body) {
        if (signature == null) {
            ApiException notConfigured = BillingAvailability.notConfigured();
            count(notConfigured.code(), UNKNOWN_TYPE);
            throw notConfigured;
        }
        byte[] raw = body == null ? new byte[0] : body;
        try {
            signature.verify(raw, signatureHeader);
        } catch (StripeSignature.InvalidSignatureException e) {
            count("invalid-signature", UNKNOWN_TYPE);
            throw ApiException.badRequest("invalid-signature", e.getMessage());
        }
        StripeEvent event;
        try {
            event = StripeEvent.parse(json, raw);
        } catch (StripeEvent.MalformedEventException e) {
            count("malformed-event", UNKNOWN_TYPE);
            throw ApiException.badRequest("malformed-event", e.getMessage());
        }
        String outcome;
        try {
            outcome = webhooks.receive(event).code();
        } catch (RuntimeException e) {
            count("failed", event.type());
            throw e;
        }
        count(outcome, event.type());
        return new Receipt(true, outcome);
    }

    private void count(String outcome, String type) {
        meters.counter(METER, "outcome", outcome, "type", type).increment();
    }
}
