package dev.tenantry.infra.billing;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * True when {@code tenantry.stripe.secret-key} has text. Not {@code @ConditionalOnProperty}: that takes an empty
 * value (an environment variable set to nothing) as set, and would build a gateway that can only fail.
 */
class StripeConfiguredCondition implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty("tenantry.stripe.secret-key"));
    }
}
