package dev.tenantry.infra.axon;

import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where each streaming event processor is in the event store and how far behind its head, for the admin API
 * ({@code GET /api/admin/projections}) and the lag meters alike. A node holds only the segments it claimed: a
 * processor with none here is judged by the tokens it stored, which whichever node runs it keeps up to date.
 */
@Component
public class EventProcessorPositions {

    private final JdbcTemplate jdbc;
    /** Lazy: {@link ProjectionCatchUp} needs this while Axon's configuration is still being built. */
    private final ObjectProvider<EventProcessingConfiguration> processing;
    /** Axon's general serializer, which the token store writes tokens with. */
    private final ObjectProvider<Serializer> serializer;

    EventProcessorPositions(JdbcTemplate jdbc, ObjectProvider<EventProcessingConfiguration> processing,
                            ObjectProvider<Serializer> serializer) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.serializer = serializer;
    }

    /**
     * @param replaying Axon's flag: true from a reset until the processor handles its first event past the point
     *                  of reset
     * @param position  lowest position over its segments (-1 before its first event)
     * @param segments  segments this node holds (0: the position comes from the stored tokens)
     */
    public record Position(String name, boolean running, boolean error, boolean replaying, long position,
                           int segments) {

        /** Events of the store up to {@code head} that this processor has not processed yet. */
        public long lag(long head) {
            return Math.max(0, head - position);
        }
    }

    public List<StreamingEventProcessor> streamingProcessors(Predicate<String> names) {
        return processing.getObject().eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .filter(processor -> names.test(processor.getName()))
                .toList();
    }

    /** The global index of the latest event in the store; -1 when it is empty. */
    public long head() {
        Long head = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    /** With one query for the stored tokens of all the processors that hold no segment here, however many. */
    public List<Position> positions(Collection<StreamingEventProcessor> processors) {
        // One look at each processor's segments: one it claims or releases meanwhile is judged as it was.
        Map<StreamingEventProcessor, Map<Integer, EventTrackerStatus>> segments = new LinkedHashMap<>();
        processors.forEach(processor -> segments.put(processor, processor.processingStatus()));
        Map<String, List<TrackingToken>> stored = storedTokens(segments.entrySet().stream()
                .filter(held -> held.getValue().isEmpty())
                .map(held -> held.getKey().getName())
                .toList());
        List<Position> positions = new ArrayList<>();
        segments.forEach((processor, held) -> {
            if (held.isEmpty()) {
                List<TrackingToken> tokens = stored.getOrDefault(processor.getName(), List.of());
                positions.add(new Position(processor.getName(), processor.isRunning(), processor.isError(),
                        tokens.stream().anyMatch(token -> token != null && ReplayToken.isReplay(token)),
                        tokens.stream().mapToLong(EventProcessorPositions::position).min().orElse(-1L), 0));
            } else {
                positions.add(new Position(processor.getName(), processor.isRunning(), processor.isError(),
                        held.values().stream().anyMatch(EventTrackerStatus::isReplaying),
                        held.values().stream()
                                .mapToLong(status -> status.getCurrentPosition().orElse(-1L))
                                .min().orElse(-1L),
                        held.size()));
            }
        });
        return positions;
    }

    /**
     * When the first event stored past each of these positions was published (one query however many): the oldest
     * event a processor at that position has yet to handle. A position with no event past it is left out.
     */
    public Map<Long, Instant> firstEventAfter(Collection<Long> positions) {
        Map<Long, Instant> times = new HashMap<>();
        if (positions.isEmpty()) {
            return times;
        }
        jdbc.query("""
                        select p.after, (select e.time_stamp from domain_event_entry e where e.global_index > p.after
                                         order by e.global_index limit 1) as time_stamp
                        from unnest(?::bigint[]) as p(after)""",
                row -> {
                    String timestamp = row.getString("time_stamp");
                    if (timestamp != null) {
                        times.put(row.getLong("after"), DateTimeUtils.parseInstant(timestamp));
                    }
                }, (Object) positions.stream().distinct().toArray(Long[]::new));
        return times;
    }

    public Position position(StreamingEventProcessor processor) {
        return positions(List.of(processor)).get(0);
    }

    /**
     * The tokens stored for these processors, one per segment; {@code null} for a segment that has processed
     * nothing yet.
     */
    Map<String, List<TrackingToken>> storedTokens(Collection<String> processorNames) {
        Map<String, List<TrackingToken>> tokens = new HashMap<>();
        if (processorNames.isEmpty()) {
            return tokens;
        }
        jdbc.query("select processor_name, token, token_type from token_entry where processor_name = any(?)",
                row -> {
                    byte[] token = row.getBytes("token");
                    tokens.computeIfAbsent(row.getString("processor_name"), name -> new ArrayList<>())
                            .add(token == null ? null : serializer.getObject().deserialize(
                                    new SimpleSerializedObject<>(token, byte[].class, row.getString("token_type"),
                                            null)));
                }, (Object) processorNames.stream().distinct().toArray(String[]::new));
        return tokens;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }
}
