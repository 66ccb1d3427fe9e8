package dev.tenantry.infra.admin;

import dev.tenantry.infra.axon.EventProcessorPositions;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.Items;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
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

    private final EventProcessorPositions positions;

    ProjectionAdminController(EventProcessorPositions positions) {
        this.positions = positions;
    }

    /**
     * @param replaying Axon's flag: true from a rebuild until the processor handles its first event past the point
     *                  of reset, so a caught-up rebuild shows {@code replaying} with {@code lag} 0
     * @param position  lowest position over its segments (-1 before its first event): this node's, or the stored
     *                  tokens' when another node holds them all ({@code segments} 0)
     * @param lag       events of the store's head it has not processed yet
     * @param segments  segments held on this node
     */
    record Projection(String name, boolean running, boolean error, boolean replaying, long position, long head,
                      long lag, int segments) {
    }

    @GetMapping
    @Operation(summary = "Each read model's processor: position, lag behind the event store's head, replay status")
    Items<Projection> projections() {
        long head = positions.head();
        return new Items<>(positions.positions(readModels()).stream()
                .sorted(Comparator.comparing(EventProcessorPositions.Position::name))
                .map(position -> describe(position, head))
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
        return describe(positions.position(processor), positions.head());
    }

    private List<StreamingEventProcessor> readModels() {
        return positions.streamingProcessors(ProjectionCatchUp::isReadModel);
    }

    private static Projection describe(EventProcessorPositions.Position position, long head) {
        return new Projection(position.name(), position.running(), position.error(), position.replaying(),
                position.position(), head, position.lag(head), position.segments());
    }
}
