package dev.tenantry.infra.admin;

import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.Items;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.Comparator;
import java.util.List;

/**
 * The read models' processors: where each is in the event store, how far behind, and a rebuild that empties its
 * tables and replays every event while the API keeps serving. Sagas and "policy-" groups react with side effects
 * and are never replayed; subscribing processors have no position.
 */
@RestController
@RequestMapping("/api/admin/projections")
@Tag(name = "Platform administration")
class ProjectionAdminController {

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;

    ProjectionAdminController(EventProcessingConfiguration processing, JdbcTemplate jdbc) {
        this.processing = processing;
        this.jdbc = jdbc;
    }

    /**
     * @param replaying Axon's flag: true from a rebuild until the processor handles its first event past the point
     *                  of reset, so a caught-up rebuild shows {@code replaying} with {@code lag} 0
     * @param position  lowest position over its segments (-1 before its first event)
     * @param lag       events of the store's head it has not processed yet
     */
    record Projection(String name, boolean running, boolean error, boolean replaying, long position, long head,
                      long lag, int segments) {
    }

    @GetMapping
    @Operation(summary = "Each read model's processor: position, lag behind the event store's head, replay status")
    Items<Projection> projections() {
        long head = head();
        return new Items<>(readModels().stream()
                .sorted(Comparator.comparing(EventProcessor::getName))
                .map(processor -> describe(processor, head))
                .toList());
    }

    @PostMapping("/{name}/rebuild")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Empty a read model and replay it from the first event, while the API serves (platform admin)")
    Projection rebuild(@PathVariable String name) {
        StreamingEventProcessor processor = readModels().stream()
                .filter(candidate -> candidate.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound("projection-not-found", "No read model named " + name));
        if (!processor.supportsReset()) {
            throw ApiException.conflict("projection-not-resettable", name + " cannot be replayed");
        }
        processor.shutDown();
        processor.resetTokens();
        processor.start();
        return describe(processor, head());
    }

    private List<StreamingEventProcessor> readModels() {
        return processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(processor -> ProjectionCatchUp.isReadModel(processor.getName()))
                .toList();
    }

    private static Projection describe(StreamingEventProcessor processor, long head) {
        long position = processor.processingStatus().values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1L))
                .min().orElse(-1L);
        boolean replaying = processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        return new Projection(processor.getName(), processor.isRunning(), processor.isError(), replaying, position,
                head, Math.max(0, head - position), processor.processingStatus().size());
    }

    private long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }
}
