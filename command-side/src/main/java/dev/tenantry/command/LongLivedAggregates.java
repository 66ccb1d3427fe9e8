package dev.tenantry.command;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Aggregates that live long (an organization, its subscription) collect events for ever, and loading one replays
 * all of them: at 100,000 events a command takes seconds, at 1,000,000 it exceeds Axon's unit of work. Those are
 * snapshotted every so many events ({@code tenantry.snapshots.every}); Axon then loads the latest snapshot plus the
 * events after it. A snapshot that no longer reads (the aggregate's fields changed) is skipped, and the aggregate
 * is replayed from its events as before.
 */
public final class Snapshots {

    /** The name of the snapshot trigger bean the application defines. */
    public static final String TRIGGER = "snapshotEveryFewHundredEvents";

    private Snapshots() {
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
    public @interface OfFields {
    }
}
