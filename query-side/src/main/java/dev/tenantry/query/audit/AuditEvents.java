package dev.tenantry.query.audit;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * A tenant's audit stream, with each entry's event read back as the shared API's class (upcast to the current
 * revision). The stream is written with the events, so it is never behind the event store.
 */
public interface AuditEvents {

    /**
     * @param eventType  the stored type, fully qualified
     * @param fromStripe the event records what a Stripe webhook reported
     * @param event      the event, or {@code null} when its stored type is no longer a class of the shared API
     */
    record RecordedEvent(long sequence, Instant occurredAt, String eventType, String actorId, boolean fromStripe,
                         Object event) {
    }

    /** The latest {@code limit} entries, newest first. */
    List<RecordedEvent> latest(String tenantId, int limit);

    /** The entries after {@code sequence}, oldest first, at most {@code limit}. */
    List<RecordedEvent> after(String tenantId, long sequence, int limit);

    /** Every entry that occurred before {@code before}, oldest first, one at a time: never the stream in memory. */
    void replay(String tenantId, Instant before, Consumer<RecordedEvent> consumer);
}
