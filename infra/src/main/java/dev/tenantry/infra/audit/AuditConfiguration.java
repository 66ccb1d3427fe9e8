package dev.tenantry.infra.audit;

import dev.tenantry.query.audit.AuditStreamWriter;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    /**
     * The audit stream is written by a subscribing processor, in the unit of work and transaction that append the
     * events; an entry that cannot be written fails the command rather than leaving a hole in the stream.
     */
    @Bean
    ConfigurerModule auditStreamInTheCommandTransaction() {
        return configurer -> configurer.eventProcessing()
                .registerSubscribingEventProcessor(AuditStreamWriter.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(AuditStreamWriter.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
