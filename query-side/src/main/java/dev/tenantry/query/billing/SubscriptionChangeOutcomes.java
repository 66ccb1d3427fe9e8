package dev.tenantry.query.billing;

import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeFailedEvent;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of a subscription change that a saga makes at Stripe, for whoever asked for it and waits: the
 * subscription's events are read from the position noted before the request (from the event store, so it does not
 * matter which node runs the saga) until the change's completed or failed event appears; then the read models are
 * waited for, so that what is read next shows what Stripe did.
 */
@Component
public class SubscriptionChangeOutcomes {

    /** The subscription's events are read this often while waiting; a Stripe call takes hundreds of ms. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final AggregateEvents events;
    private final ReadModelCatchUp catchUp;

    SubscriptionChangeOutcomes(AggregateEvents events, ReadModelCatchUp catchUp) {
        this.events = events;
        this.catchUp = catchUp;
    }

    public sealed interface Outcome {
    }

    public record Completed() implements Outcome {
    }

    public record Failed(SubscriptionChangeFailedEvent event) implements Outcome {
    }

    /** The saga has not finished within the wait: the change is still being made. */
    public record Pending() implements Outcome {
    }

    /** The position to read outcomes from: the subscription's last event before the change is requested. */
    public long position(String subscriptionId) {
        return events.lastSequence(subscriptionId);
    }

    public Outcome await(String subscriptionId, String changeId, long position, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long next = position + 1;
        while (true) {
            for (AggregateEvents.Stored event : events.from(subscriptionId, next)) {
                next = event.sequence() + 1;
                Optional<Outcome> outcome = outcome(event.payload(), changeId);
                if (outcome.isPresent()) {
                    catchUp.awaitEvents(List.of(event.eventId()));
                    return outcome.get();
                }
            }
            if (System.nanoTime() > deadline) {
                return new Pending();
            }
            pause();
        }
    }

    private static Optional<Outcome> outcome(Object payload, String changeId) {
        if (payload instanceof SubscriptionChangeCompletedEvent completed && completed.changeId().equals(changeId)) {
            return Optional.of(new Completed());
        }
        if (payload instanceof SubscriptionChangeFailedEvent failed && failed.changeId().equals(changeId)) {
            return Optional.of(new Failed(failed));
        }
        return Optional.empty();
    }

    private static void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a subscription change", e);
        }
    }
}
