package dev.tenantry.infra.axon;

import dev.tenantry.query.billing.ReadModelCatchUp;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Read-your-writes for the REST API. Projections are asynchronous (streaming processors, so that they can be
 * replayed and split across nodes), but a client that has just created an organization expects to read it back.
 * <p>
 * {@link #afterwards(Supplier)} notes the ids of the events its action publishes (as an event-bus dispatch
 * interceptor, on the action's thread) and then waits until every local projection has processed exactly those
 * events, bounded by {@code tenantry.projections.catch-up-timeout}; past that it answers anyway. Waiting for the
 * head of the store instead would be wrong both ways: a tracking token's position can pass an event that is
 * still a gap (committed later), and an unrelated permanent gap would stall every request.
 */
@Component
public class ProjectionCatchUp implements MessageDispatchInterceptor<EventMessage<?>>, ReadModelCatchUp {

    private static final Logger log = LoggerFactory.getLogger(ProjectionCatchUp.class);
    private static final ThreadLocal<List<String>> PUBLISHED = new ThreadLocal<>();

    private final JdbcTemplate jdbc;
    private final EventProcessorPositions positions;
    private final Duration timeout;

    ProjectionCatchUp(JdbcTemplate jdbc, EventProcessorPositions positions,
                      @Value("${tenantry.projections.catch-up-timeout:5s}") Duration timeout) {
        this.jdbc = jdbc;
        this.positions = positions;
        this.timeout = timeout;
    }

    /** Runs the action (which must have committed when it returns), then waits for the projections. */
    public <R> R afterwards(Supplier<R> action) {
        List<String> previous = PUBLISHED.get();
        List<String> eventIds = new ArrayList<>();
        PUBLISHED.set(eventIds);
        R result;
        try {
            result = action.get();
        } finally {
            PUBLISHED.set(previous);
        }
        if (previous != null) {
            previous.addAll(eventIds);
        } else {
            await(eventIds);
        }
        return result;
    }

    @Override
    public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> messages) {
        List<String> capture = PUBLISHED.get();
        if (capture != null) {
            messages.forEach(message -> capture.add(message.getIdentifier()));
        }
        return (index, message) -> message;
    }

    /** Waits, bounded like {@link #afterwards}, until every read model has processed these events (by id). */
    @Override
    public void awaitEvents(List<String> eventIds) {
        await(eventIds);
    }

    private void await(List<String> eventIds) {
        if (eventIds.isEmpty()) {
            return;
        }
        awaitProcessed(jdbc.queryForList(
                "select global_index from domain_event_entry where event_identifier = any(?)", Long.class,
                (Object) eventIds.toArray(String[]::new)));
    }

    /**
     * Waits, bounded like {@link #afterwards}, until every read model has processed the events at these global
     * indexes, on whichever node holds its segments (see {@link #processed}). Besides read-your-writes, for a node
     * that shows another node's work: the live stream of a client connected here, about a command handled there.
     */
    public void awaitProcessed(List<Long> indexes) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (StreamingEventProcessor processor : streamingProcessors()) {
            while (!processed(processor, indexes)) {
                if (System.nanoTime() > deadline) {
                    log.warn("Projection {} has not processed events {} within {}", processor.getName(), indexes,
                            timeout);
                    return;
                }
                sleep();
            }
        }
    }

    private boolean storedTokensCover(String processorName, List<Long> indexes) {
        return positions.storedTokens(List.of(processorName)).getOrDefault(processorName, List.of()).stream()
                // a null token: a segment that has processed nothing yet
                .allMatch(token -> token != null && covers(token, indexes));
    }

    /**
     * The read models only: sagas and "policy-" groups react with side effects (Stripe calls) that a client's
     * read-your-writes must not wait for, and "live-" groups only relay events to connected clients.
     */
    public static boolean isReadModel(String processorName) {
        return !processorName.endsWith("SagaProcessor") && !processorName.startsWith("policy-")
                && !processorName.startsWith("live-");
    }

    private List<StreamingEventProcessor> streamingProcessors() {
        return positions.streamingProcessors(ProjectionCatchUp::isReadModel);
    }

    /**
     * Judged by the segments this node holds; a processor holding none here runs on another node, and is judged by
     * the tokens it stores. A processor stopped or failed here is not waited for.
     */
    private boolean processed(StreamingEventProcessor processor, List<Long> indexes) {
        if (!processor.isRunning() || processor.isError()) {
            return true;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return storedTokensCover(processor.getName(), indexes);
        }
        return segments.values().stream()
                .filter(status -> !status.isErrorState())
                .allMatch(status -> covers(status, indexes));
    }

    /** Whether the status's token has processed every one of these global indexes (a gap has not). */
    public static boolean covers(EventTrackerStatus status, List<Long> indexes) {
        return covers(status.getTrackingToken(), indexes);
    }

    private static boolean covers(TrackingToken stored, List<Long> indexes) {
        TrackingToken token = WrappedToken.unwrapLowerBound(stored);
        if (token instanceof GapAwareTrackingToken gapAware) {
            return indexes.stream().allMatch(index -> index <= gapAware.getIndex()
                    && !gapAware.getGaps().contains(index));
        }
        long position = token == null ? -1 : token.position().orElse(-1);
        return indexes.stream().allMatch(index -> index <= position);
    }

    /** 10 ms: finer polling by every waiting request thread costs more CPU (on 2 cores) than it saves in latency. */
    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for projections", e);
        }
    }
}
