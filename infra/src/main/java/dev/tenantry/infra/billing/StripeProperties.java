package dev.tenantry.infra.billing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

import java.time.Duration;

/**
 * {@code tenantry.stripe.*}. Without a secret key the app runs without billing (see {@link BillingAvailability}).
 *
 * @param secretKey         the Stripe secret (or restricted) API key; unset or blank means billing is not configured
 * @param webhookSecret     the signing secret of the webhook endpoint ({@code whsec_...})
 * @param apiBase           where the Stripe API is; only tests point it elsewhere (a local stand-in)
 * @param timeout           how long one attempt may take to connect, and again to read the answer
 * @param maxNetworkRetries stripe-java's own retries of an attempt that failed on the network, with a 409 or a 5xx
 *                          (with the same idempotency key, so a create happens once)
 */
@ConfigurationProperties("tenantry.stripe")
public record StripeProperties(String secretKey,
                               String webhookSecret,
                               @DefaultValue("https://api.stripe.com") String apiBase,
                               @DefaultValue("10s") Duration timeout,
                               @DefaultValue("2") int maxNetworkRetries) {

    public StripeProperties {
        // stripe-java takes its timeouts as int milliseconds; a bad value must stop the app, not the first checkout.
        if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalStateException("tenantry.stripe.timeout must be positive and below 24 days, not "
                    + timeout);
        }
        if (maxNetworkRetries < 0) {
            throw new IllegalStateException("tenantry.stripe.max-network-retries must not be negative");
        }
        if (!StringUtils.hasText(apiBase)) {
            throw new IllegalStateException("tenantry.stripe.api-base must not be blank");
        }
        // stripe-java appends "/v1/..." to the base as it is.
        apiBase = apiBase.strip().replaceAll("/+$", "");
    }

    public boolean configured() {
        return StringUtils.hasText(secretKey);
    }

    /** The keys stay out of logs and actuator output that print the properties. */
    @Override
    public String toString() {
        return "StripeProperties[secretKey=" + (configured() ? "(set)" : "(unset)")
                + ", webhookSecret=" + (StringUtils.hasText(webhookSecret) ? "(set)" : "(unset)")
                + ", apiBase=" + apiBase + ", timeout=" + timeout + ", maxNetworkRetries=" + maxNetworkRetries + "]";
    }
}
