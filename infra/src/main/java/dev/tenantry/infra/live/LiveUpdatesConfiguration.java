package dev.tenantry.infra.live;

import dev.tenantry.infra.axon.Processors;
import dev.tenantry.query.live.TenantEventRelay;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class LiveUpdatesConfiguration {

    static final String PROCESSING_GROUP = TenantEventRelay.PROCESSING_GROUP;

    /**
     * Each node tails the event store for its own connected clients. A shared token would split the events among
     * the nodes (one node per segment); a token kept in memory and starting at the head gives every node every new
     * event, and nothing of the past: a client that missed something asks with Last-Event-ID, answered from the
     * audit stream.
     */
    @Bean
    ConfigurerModule liveUpdatesOnEveryNode() {
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(PROCESSING_GROUP, configuration -> new InMemoryTokenStore())
                .registerTrackingEventProcessorConfiguration(PROCESSING_GROUP, configuration ->
                        Processors.singleThreaded()
                                .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
