package dev.tenantry.infra.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** Shows each event processor in /actuator/health; a processor that stopped on an error makes the app DOWN. */
@Component("eventProcessors")
class EventProcessorsHealthIndicator extends AbstractHealthIndicator {

    private final EventProcessingConfiguration processing;

    EventProcessorsHealthIndicator(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        boolean healthy = true;
        Map<String, Object> details = new TreeMap<>();
        for (EventProcessor processor : processing.eventProcessors().values()) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("running", processor.isRunning());
            detail.put("error", processor.isError());
            if (processor instanceof StreamingEventProcessor streaming) {
                Map<Integer, Object> segments = new TreeMap<>();
                streaming.processingStatus().forEach((segment, status) -> segments.put(segment,
                        Map.of("position", status.getCurrentPosition().orElse(-1L),
                                "caughtUp", status.isCaughtUp(),
                                "error", status.isErrorState())));
                detail.put("segments", segments);
            }
            healthy &= !processor.isError();
            details.put(processor.getName(), detail);
        }
        builder.status(healthy ? "UP" : "DOWN").withDetails(details);
    }
}
