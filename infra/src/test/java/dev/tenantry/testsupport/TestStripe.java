package dev.tenantry.testsupport;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One HTTP stand-in for Stripe's API (WireMock) per test JVM; the shared app's real stripe-java client talks to
 * it. Responses are built from Stripe's own example objects ({@code stripe/fixtures.json}). Tests stub what they
 * need with request matchers unique to them (an organization id, a customer id).
 */
public class TestStripe implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String SECRET_KEY = "sk_test_tenantry_suite";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static WireMockServer server;
    private static ObjectNode fixtures;

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestPropertyValues.of("tenantry.stripe.secret-key=" + SECRET_KEY,
                        "tenantry.stripe.api-base=http://localhost:" + server().port(),
                        "tenantry.stripe.max-network-retries=0")
                .applyTo(context.getEnvironment());
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            WireMockServer started = new WireMockServer(options().dynamicPort());
            started.start();
            // Anything not stubbed is a missing resource, as Stripe would answer for an unknown id.
            started.stubFor(any(anyUrl()).atPriority(100)
                    .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/json")
                            .withBody("{\"error\":{\"type\":\"invalid_request_error\",\"code\":\"resource_missing\","
                                    + "\"message\":\"No such resource\"}}")));
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "wiremock-stop"));
            server = started;
        }
        return server;
    }

    /** A copy of one of Stripe's example objects, to adjust. */
    public static synchronized ObjectNode fixture(String name) {
        if (fixtures == null) {
            try (InputStream in = TestStripe.class.getResourceAsStream("/stripe/fixtures.json")) {
                fixtures = (ObjectNode) JSON.readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return ((ObjectNode) fixtures.get(name)).deepCopy();
    }

    /** Stubs a request with a JSON answer. */
    public static void stub(MappingBuilder request, int status, Object body) {
        try {
            server().stubFor(request.willReturn(aResponse().withStatus(status)
                    .withHeader("Content-Type", "application/json").withBody(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Stubs what a checkout of this organization asks Stripe for: its customer, and a checkout session that stays
     * open for a day from now (Stripe's shortest), with Stripe's URL for it. Answers that URL.
     */
    public static String stubCheckout(String organizationId, String customerId, String sessionId) {
        stub(post(urlPathEqualTo("/v1/customers")).withRequestBody(containing(organizationId)), 200,
                fixture("customer").put("id", customerId));
        String url = "https://checkout.stripe.com/c/pay/" + sessionId;
        stub(post(urlPathEqualTo("/v1/checkout/sessions")).withRequestBody(containing(organizationId)), 200,
                fixture("checkout.session").put("id", sessionId).put("url", url)
                        .put("expires_at", Instant.now().plus(Duration.ofDays(1)).getEpochSecond()));
        return url;
    }
}
