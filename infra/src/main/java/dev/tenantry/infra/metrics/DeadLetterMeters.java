package dev.tenantry.infra.metrics;

import dev.tenantry.infra.admin.ParkedEvents;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * {@code tenantry.dead.letters{processingGroup}}: events parked in each read model's dead-letter queue. Anything
 * above 0 is a read model that is stale for some aggregate until an admin retries or evicts (docs/operations.md).
 */
@Component
class DeadLetterMeters implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final RecentReading<Map<String, Long>> counts;

    DeadLetterMeters(EventProcessingConfiguration processing, ParkedEvents parked) {
        this.processing = processing;
        this.counts = new RecentReading<>(ProcessorLagMeters.READING_MAX_AGE, parked::countsByGroup);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (String group : processing.eventProcessors().keySet()) {
            if (processing.deadLetterQueue(group).isPresent()) {
                Gauge.builder("tenantry.dead.letters", counts, reading -> reading.get().getOrDefault(group, 0L))
                        .description("Events parked in a read model's dead-letter queue")
                        .tag("processingGroup", group)
                        .strongReference(true)
                        .register(registry);
            }
        }
    }
}
