package dev.tenantry.infra.metrics;

import dev.tenantry.infra.axon.EventProcessorPositions;
import dev.tenantry.infra.axon.EventProcessorPositions.Position;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How far behind the event store each streaming processor is (read models, sagas, policies, the live relay), as
 * gauges tagged {@code processor}: {@code tenantry.processor.lag.events}, the events up to the store's head it has
 * not processed, as {@code GET /api/admin/projections} counts them; and {@code tenantry.processor.lag.seconds}, the
 * age of the oldest of those events, 0 when caught up. A count alone does not say whether 500 events are a second's
 * burst or an afternoon's backlog.
 * <p>
 * All gauges of a scrape share one reading: the head, the stored tokens of processors running elsewhere, and the
 * oldest unprocessed event of every position, each one query whatever the number of processors.
 */
@Component
class ProcessorLagMeters {

    /** Shorter than any sensible scrape interval, long enough for one scrape to read every gauge. */
    static final Duration READING_MAX_AGE = Duration.ofSeconds(5);

    private static final Lag UNKNOWN = new Lag(Double.NaN, Double.NaN);

    private final EventProcessorPositions positions;
    private final MeterRegistry registry;
    private final Clock clock;
    private final RecentReading<Map<String, Lag>> lags;

    ProcessorLagMeters(EventProcessorPositions positions, MeterRegistry registry, Clock clock) {
        this.positions = positions;
        this.registry = registry;
        this.clock = clock;
        this.lags = new RecentReading<>(READING_MAX_AGE, this::read);
    }

    private record Lag(double events, double seconds) {
    }

    /** Axon builds its processors when its configuration starts, after the meter registry is bound. */
    @EventListener(ApplicationStartedEvent.class)
    void register() {
        for (StreamingEventProcessor processor : positions.streamingProcessors(name -> true)) {
            String name = processor.getName();
            Gauge.builder("tenantry.processor.lag.events", lags,
                            reading -> reading.get().getOrDefault(name, UNKNOWN).events())
                    .description("Events up to the event store's head that the processor has not processed yet")
                    .baseUnit("events")
                    .tag("processor", name)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("tenantry.processor.lag.seconds", lags,
                            reading -> reading.get().getOrDefault(name, UNKNOWN).seconds())
                    .description("Age of the oldest event the processor has not processed yet; 0 when caught up")
                    .baseUnit("seconds")
                    .tag("processor", name)
                    .strongReference(true)
                    .register(registry);
        }
    }

    private Map<String, Lag> read() {
        long head = positions.head();
        List<Position> all = positions.positions(positions.streamingProcessors(name -> true));
        Map<Long, Instant> oldest = positions.firstEventAfter(all.stream()
                .filter(position -> position.position() < head)
                .map(Position::position)
                .toList());
        Instant now = clock.instant();
        Map<String, Lag> lags = new HashMap<>();
        for (Position position : all) {
            Instant first = position.position() < head ? oldest.get(position.position()) : null;
            double seconds = first == null ? 0 : Math.max(0, Duration.between(first, now).toMillis() / 1000.0);
            lags.put(position.name(), new Lag(position.lag(head), seconds));
        }
        return lags;
    }
}
