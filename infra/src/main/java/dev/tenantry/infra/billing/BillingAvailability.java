package dev.tenantry.infra.billing;

import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.infra.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Whether billing works here. The app runs without Stripe keys (development, a self-hosted install without paid
 * plans); billing endpoints then refuse with a clear 503 instead of failing somewhere inside a saga.
 */
@Component
public class BillingAvailability {

    private static final Logger log = LoggerFactory.getLogger(BillingAvailability.class);

    /** Empty without Stripe keys: then the app's gateway is {@link UnconfiguredBillingGateway}, for the sagas. */
    private final Optional<BillingGateway> gateway;

    BillingAvailability(ObjectProvider<BillingGateway> gateway, StripeProperties stripe) {
        this.gateway = stripe.configured() ? Optional.of(gateway.getObject()) : Optional.empty();
        if (this.gateway.isPresent()) {
            log.info("Billing is configured: Stripe at {}", stripe.apiBase());
        } else {
            log.info("Billing is not configured (tenantry.stripe.secret-key is not set): billing endpoints answer "
                    + "503 billing-not-configured");
        }
    }

    public boolean configured() {
        return gateway.isPresent();
    }

    /** @throws ApiException 503 {@code billing-not-configured} without Stripe keys */
    public void requireConfigured() {
        if (gateway.isEmpty()) {
            throw notConfigured();
        }
    }

    /** @throws ApiException 503 {@code billing-not-configured} when there is no gateway */
    public BillingGateway gateway() {
        return gateway.orElseThrow(BillingAvailability::notConfigured);
    }

    public static ApiException notConfigured() {
        return ApiException.serviceUnavailable("billing-not-configured", "billing not configured");
    }
}
