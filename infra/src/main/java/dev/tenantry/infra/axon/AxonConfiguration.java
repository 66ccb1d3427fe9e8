package dev.tenantry.infra.axon;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /** Replaces Axon's default MessageOriginProvider, whose key names (correlationId = causation) mislead. */
    @Bean
    CorrelationDataProvider tenantryCorrelationDataProvider() {
        return new TenantryCorrelationDataProvider();
    }
}
