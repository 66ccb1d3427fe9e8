package dev.tenantry.infra.axon;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Collection;

/**
 * Read-your-writes for the REST API. Projections are asynchronous (streaming processors, so that they can be
 * replayed and split across nodes), but a client that has just created an organization expects to read it back.
 * After a command, the API waits until every local projection has processed the event store's head, bounded by
 * {@code tenantry.projections.catch-up-timeout}; past that it answers anyway.
 */
@Component
public class ProjectionCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final Duration timeout;

    ProjectionCatchUp(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                      @Value("${tenantry.projections.catch-up-timeout:5s}") Duration timeout) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.timeout = timeout;
    }

    /** Waits until the projections have seen every event committed before this call. */
    public void awaitHead() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        if (head != null) {
            await(head);
        }
    }

    private void await(long globalIndex) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Collection<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
        for (StreamingEventProcessor processor : processors) {
            while (!reached(processor, globalIndex)) {
                if (System.nanoTime() > deadline) {
                    log.warn("Projection {} has not reached event {} within {}", processor.getName(), globalIndex,
                            timeout);
                    return;
                }
                sleep();
            }
        }
    }

    /** Only segments this node holds are visible; a processor running elsewhere is not waited for. */
    private static boolean reached(StreamingEventProcessor processor, long globalIndex) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        return processor.processingStatus().values().stream()
                .allMatch(status -> position(status) >= globalIndex);
    }

    private static long position(EventTrackerStatus status) {
        return status.getCurrentPosition().orElse(-1L);
    }

    private static void sleep() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for projections", e);
        }
    }
}
