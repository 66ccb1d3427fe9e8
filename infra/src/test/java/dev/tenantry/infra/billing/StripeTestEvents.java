package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tenantry.testsupport.ApiClient;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Stripe events built from Stripe's own example objects ({@code stripe/webhook-fixtures.json}), changed only where a
 * test needs it, and delivered over HTTP signed the way Stripe signs them.
 */
public final class StripeTestEvents {

    public static final String WEBHOOK_SECRET = "whsec_test_tenantry_integration_tests_only";
    public static final String PRO = "price_tenantry_pro_monthly";
    public static final String ENTERPRISE = "price_tenantry_enterprise_monthly";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNode FIXTURES = load();

    private StripeTestEvents() {
    }

    private static JsonNode load() {
        try (InputStream in = StripeTestEvents.class.getResourceAsStream("/stripe/webhook-fixtures.json")) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode fixture(String name) {
        return FIXTURES.get(name).deepCopy();
    }

    public static String newId(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A subscription of the organization (named in its metadata, as checkout sets it) on a price. */
    public static ObjectNode subscription(String id, String customer, String organizationId, String status,
                                          String price, Instant periodEnd) {
        ObjectNode subscription = fixture("subscription");
        subscription.put("id", id);
        subscription.put("customer", customer);
        subscription.put("status", status);
        subscription.put("cancel_at_period_end", false);
        ObjectNode metadata = subscription.putObject("metadata");
        if (organizationId != null) {
            metadata.put("organization_id", organizationId);
        }
        ObjectNode item = (ObjectNode) subscription.path("items").path("data").get(0);
        item.put("subscription", id);
        item.put("current_period_end", periodEnd.getEpochSecond());
        ((ObjectNode) item.get("price")).put("id", price);
        ((ObjectNode) item.get("plan")).put("id", price);
        return subscription;
    }

    /**
     * An invoice of a subscription, in the newer API's shape: the subscription and its metadata under
     * {@code parent.subscription_details}. {@code organizationId} {@code null}: the invoice does not name it.
     */
    public static ObjectNode invoice(String id, String customer, String subscriptionId, String organizationId,
                              long amountCents) {
        ObjectNode invoice = fixture("invoice");
        invoice.put("id", id);
        invoice.put("customer", customer);
        invoice.put("amount_due", amountCents);
        invoice.put("amount_paid", amountCents);
        invoice.put("currency", "usd");
        invoice.put("status", "paid");
        ObjectNode parent = invoice.putObject("parent");
        parent.put("type", "subscription_details");
        parent.putNull("quote_details");
        ObjectNode details = parent.putObject("subscription_details");
        details.put("subscription", subscriptionId);
        ObjectNode metadata = details.putObject("metadata");
        if (organizationId != null) {
            metadata.put("organization_id", organizationId);
        }
        return invoice;
    }

    /** A completed checkout of a subscription, for the organization named as client_reference_id. */
    static ObjectNode checkoutSession(String id, String customer, String organizationId, String subscriptionId) {
        ObjectNode session = fixture("checkout.session");
        session.put("id", id);
        session.put("mode", "subscription");
        session.put("status", "complete");
        session.put("payment_status", "paid");
        session.put("customer", customer);
        session.put("client_reference_id", organizationId);
        session.put("subscription", subscriptionId);
        return session;
    }

    /** The event envelope around an object. */
    public static String event(String id, String type, Instant created, JsonNode object) {
        ObjectNode event = fixture("event");
        event.put("id", id);
        event.put("type", type);
        event.put("created", created.getEpochSecond());
        event.put("api_version", "2025-10-29.clover");
        ObjectNode data = event.putObject("data");
        data.set("object", object);
        try {
            return JSON.writeValueAsString(event);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Delivers the body as Stripe would now: signed with the endpoint's secret. */
    public static ApiClient.Response deliver(ApiClient api, String body) {
        return deliver(api, body, StripeSigning.header(WEBHOOK_SECRET, Instant.now().getEpochSecond(), body));
    }

    static ApiClient.Response deliver(ApiClient api, String body, String signatureHeader) {
        Map<String, String> headers = signatureHeader == null ? Map.of()
                : Map.of("Stripe-Signature", signatureHeader);
        return api.sendRawWithHeaders("POST", StripeWebhookController.PATH, headers, body);
    }
}
