package dev.tenantry.infra.admin;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jpa.JpaDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The read models' dead letters (Axon's {@code dead_letter_entry}, one table for every processing group). Listing
 * and counting read the table; retry and evict go through Axon's queue, which keeps a sequence's order.
 * <p>
 * Also in health ({@code deadLetters}: parked events per read model; parked events leave the app UP, since every
 * other aggregate's events flow on); the metrics are {@code DeadLetterMeters}.
 */
@Component("deadLetters")
public class ParkedEvents extends AbstractHealthIndicator {

    /**
     * @param id            what retry and evict take
     * @param sequence      the aggregate whose events wait behind this one (the processors' sequencing policy)
     * @param position      its place in that sequence, 0 first
     */
    record Letter(String id, String processingGroup, String sequence, long position, String eventType,
                  String eventId, String aggregateId, Long aggregateSequence, Instant enqueuedAt,
                  Instant lastTouched, String causeType, String causeMessage) {
    }

    /** @param handled whether the whole sequence went through; {@code false}: it is parked again, cause updated */
    record Retry(String id, String processingGroup, String sequence, boolean handled, int stillParked) {
    }

    private static final Logger log = LoggerFactory.getLogger(ParkedEvents.class);

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;

    ParkedEvents(JdbcTemplate jdbc, EventProcessingConfiguration processing) {
        this.jdbc = jdbc;
        this.processing = processing;
    }

    List<Letter> list(int limit) {
        return jdbc.query("""
                select dead_letter_id, processing_group, sequence_identifier, sequence_index, payload_type,
                       event_identifier, aggregate_identifier, sequence_number, enqueued_at, last_touched,
                       cause_type, cause_message
                from dead_letter_entry order by enqueued_at, processing_group, sequence_identifier, sequence_index
                limit ?""", (row, i) -> new Letter(row.getString(1), row.getString(2), row.getString(3),
                row.getLong(4), row.getString(5), row.getString(6), row.getString(7),
                (Long) row.getObject(8), instant(row.getTimestamp(9)), instant(row.getTimestamp(10)),
                row.getString(11), row.getString(12)), limit);
    }

    /** Retries the sequence the letter belongs to, from its first letter; empty when there is no such letter. */
    Optional<Retry> retry(String id) {
        Optional<Map<String, Object>> letter = find(id);
        if (letter.isEmpty()) {
            return Optional.empty();
        }
        String group = (String) letter.get().get("processing_group");
        String sequence = (String) letter.get().get("sequence_identifier");
        String head = jdbc.queryForObject("""
                select dead_letter_id from dead_letter_entry where processing_group = ? and sequence_identifier = ?
                order by sequence_index limit 1""", String.class, group, sequence);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing.sequencedDeadLetterProcessor(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter processor for " + group));
        boolean handled;
        try {
            handled = processor.process(first -> first instanceof JpaDeadLetter<?> jpa && jpa.getId().equals(head));
        } catch (RuntimeException e) {
            // The handler's SQL failed again and took the retry's transaction with it: the letters stay as they were.
            log.info("Retrying dead letters of {} in {} failed again: {}", sequence, group, e.toString());
            handled = false;
        }
        Integer left = jdbc.queryForObject("""
                select count(*) from dead_letter_entry where processing_group = ? and sequence_identifier = ?""",
                Integer.class, group, sequence);
        return Optional.of(new Retry(id, group, sequence, handled, left == null ? 0 : left));
    }

    /** Drops the letter through its queue; false when there is no such letter. */
    boolean evict(String id) {
        Optional<Map<String, Object>> letter = find(id);
        if (letter.isEmpty()) {
            return false;
        }
        String group = (String) letter.get().get("processing_group");
        SequencedDeadLetterQueue<EventMessage<?>> queue = processing.deadLetterQueue(group)
                .orElseThrow(() -> new IllegalStateException("no dead-letter queue for " + group));
        for (var sequence : queue.deadLetters()) {
            for (var candidate : sequence) {
                if (candidate instanceof JpaDeadLetter<?> jpa && jpa.getId().equals(id)) {
                    queue.evict(candidate);
                    return true;
                }
            }
        }
        return false;
    }

    /** Parked events per processing group, groups without any left out. */
    public Map<String, Long> countsByGroup() {
        Map<String, Long> counts = new TreeMap<>();
        jdbc.query("select processing_group, count(*) from dead_letter_entry group by processing_group",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up().withDetails(countsByGroup());
    }

    private Optional<Map<String, Object>> find(String id) {
        return jdbc.queryForList("select processing_group, sequence_identifier from dead_letter_entry "
                + "where dead_letter_id = ?", id).stream().findFirst();
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
