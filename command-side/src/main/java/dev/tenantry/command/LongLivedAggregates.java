package dev.tenantry.command;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Aggregates that live long and are busy (an organization, its subscription): they collect events for ever, and
 * every command of their tenant's people queues on them. The application defines the beans named here.
 */
public final class LongLivedAggregates {

    /**
     * Snapshots every so many events ({@code tenantry.snapshots.every}). Loading such an aggregate replays all its
     * events: at 100,000 events a command took seconds, at 1,000,000 it exceeded Axon's unit of work. Axon then loads
     * the latest snapshot plus the events after it. A snapshot that no longer reads (the aggregate's fields changed)
     * is skipped, and the aggregate is replayed from its events as before.
     */
    public static final String SNAPSHOT_TRIGGER = "snapshotEveryFewHundredEvents";

    /**
     * A cache between commands. Commands on a busy organization queue on its lock; loading it for each of them, even
     * from a snapshot plus up to a few hundred events, made that lock the bottleneck. A cached aggregate is safe
     * across nodes: if another node appended meanwhile, the append clashes on the sequence number, the unit of work
     * rolls back and drops the cache entry, and the command is sent again.
     */
    public static final String CACHE = "aggregateCache";

    /**
     * The lock that commands on one aggregate queue on. Axon's default has waiters leave the queue every 10 ms to
     * look for deadlocks and join it again at the back: with dozens waiting, that burnt CPU and let some wait for
     * seconds while later ones went first.
     */
    public static final String LOCKS = "aggregateLocks";

    private LongLivedAggregates() {
    }

    /**
     * A snapshot is the aggregate serialised by Axon's Jackson serializer: its fields, whatever their visibility,
     * and nothing else (aggregates have no getters or setters to speak of).
     */
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @JacksonAnnotationsInside
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY,
            getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE,
            setterVisibility = JsonAutoDetect.Visibility.NONE)
    public @interface SnapshotOfFields {
    }
}
