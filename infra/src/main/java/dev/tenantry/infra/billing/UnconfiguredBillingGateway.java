package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.command.billing.BillingGateway;
import dev.tenantry.command.billing.BillingGatewayException;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import java.util.List;
import java.util.Optional;

/**
 * The gateway when no {@code tenantry.stripe.secret-key} is set: the app runs, and anything that would reach Stripe
 * fails as not retryable. Billing endpoints answer 503 before it comes to that.
 */
@Component
@Conditional(UnconfiguredBillingGateway.NoStripeSecretKey.class)
class UnconfiguredBillingGateway implements BillingGateway {

    static final class NoStripeSecretKey implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !StringUtils.hasText(context.getEnvironment().getProperty("tenantry.stripe.secret-key"));
        }
    }

    private static BillingGatewayException notConfigured() {
        return new BillingGatewayException("billing not configured (no tenantry.stripe.secret-key)", false, null);
    }

    @Override
    public String ensureCustomer(String organizationId, String existingCustomerId, String idempotencyKey) {
        throw notConfigured();
    }

    @Override
    public CheckoutSession createCheckoutSession(String customerId, String priceId, String organizationId,
                                                 String idempotencyKey) {
        throw notConfigured();
    }

    @Override
    public Optional<StripeSubscriptionSnapshot> fetchSubscription(String stripeSubscriptionId) {
        throw notConfigured();
    }

    @Override
    public List<StripeSubscriptionSnapshot> subscriptionsOf(String customerId) {
        throw notConfigured();
    }

    @Override
    public StripeSubscriptionSnapshot changePrice(String stripeSubscriptionId, String priceId, String idempotencyKey) {
        throw notConfigured();
    }

    @Override
    public StripeSubscriptionSnapshot setCancelAtPeriodEnd(String stripeSubscriptionId, boolean cancel,
                                                          String idempotencyKey) {
        throw notConfigured();
    }

    @Override
    public StripeSubscriptionSnapshot cancelNow(String stripeSubscriptionId, String idempotencyKey) {
        throw notConfigured();
    }

    @Override
    public String createPortalSession(String customerId, String returnUrl) {
        throw notConfigured();
    }
}
