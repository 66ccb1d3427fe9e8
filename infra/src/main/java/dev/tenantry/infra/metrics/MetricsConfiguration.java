package dev.tenantry.infra.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import org.axonframework.micrometer.TagsUtil;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    /** How the names of Axon's event processor meters start; processors are told apart by their processorName tag. */
    static final String AXON_EVENT_PROCESSOR_METERS = "eventProcessor.";

    /**
     * Axon's dimensional meters tag an event processor's with the event type too. Every streaming processor reads
     * every event type, handling a few and ignoring the rest, so that is processors times event types, each with four
     * timers of six quantiles: tens of thousands of series and megabytes per scrape. An operator watches a processor;
     * the event store's own meters ({@code eventStore.*}) count each event type. The capacity gauge goes: Axon keeps
     * it per event type, and one gauge per processor would show whichever type came first.
     */
    @Bean
    MeterFilter axonEventProcessorMetersPerProcessor() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                if (!id.getName().startsWith(AXON_EVENT_PROCESSOR_METERS)
                        || id.getTag(TagsUtil.PAYLOAD_TYPE_TAG) == null) {
                    return id;
                }
                return id.replaceTags(id.getTags().stream()
                        .filter(tag -> !tag.getKey().equals(TagsUtil.PAYLOAD_TYPE_TAG))
                        .toList());
            }

            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return id.getName().equals(AXON_EVENT_PROCESSOR_METERS + "capacity")
                        ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
            }
        };
    }
}
