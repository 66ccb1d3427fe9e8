package dev.tenantry.infra.metrics;

import dev.tenantry.infra.axon.EventProcessorPositions;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lag gauges against a read model that really falls behind: its processor is stopped while events are written,
 * so that this node holds none of its segments and the lag is read from the tokens it stored, as on a node where
 * another one runs it. Each reading comes from a meter registry of the test's own, whose gauges are not cached yet.
 */
@IntegrationTest
class ProcessorLagMetersTest {

    private static final String PROCESSOR = "platform-analytics";
    private static final Duration CLOCK_AHEAD = Duration.ofMinutes(10);

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    EventProcessorPositions positions;

    @Test
    void aStoppedProcessorLagsByTheEventsWrittenSinceAndTheAgeOfTheOldestThenCatchesUpToZero() {
        ApiClient api = new ApiClient(port);
        StreamingEventProcessor analytics = processing.eventProcessor(PROCESSOR, StreamingEventProcessor.class)
                .orElseThrow();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(lag(Clock.systemUTC())).isEqualTo(new Lag(0, 0)));
        Instant stopped = Instant.now();
        analytics.shutDown();
        try {
            api.createOrganization(api.register("Lagging Owner"), "Lagging Co");

            Lag behind = lag(Clock.offset(Clock.systemUTC(), CLOCK_AHEAD));

            assertThat(behind.events()).isGreaterThanOrEqualTo(1);
            // The oldest event it has not processed was written after it stopped (give or take an event that was
            // being handled then), and the reading's clock is ten minutes ahead.
            assertThat(behind.seconds()).isBetween((double) CLOCK_AHEAD.toSeconds() - 1,
                    (double) CLOCK_AHEAD.plus(Duration.between(stopped, Instant.now())).toSeconds() + 2);
        } finally {
            analytics.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(lag(Clock.systemUTC())).isEqualTo(new Lag(0, 0)));
    }

    private record Lag(double events, double seconds) {
    }

    private Lag lag(Clock clock) {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new ProcessorLagMeters(positions, registry, clock).register();
        return new Lag(registry.get("tenantry.processor.lag.events").tag("processor", PROCESSOR).gauge().value(),
                registry.get("tenantry.processor.lag.seconds").tag("processor", PROCESSOR).gauge().value());
    }
}
