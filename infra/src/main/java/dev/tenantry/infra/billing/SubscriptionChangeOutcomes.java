package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.SubscriptionChangeCompletedEvent;
import dev.tenantry.api.billing.SubscriptionChangeFailedEvent;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How the REST layer learns the outcome of a subscription change that a saga makes at Stripe: it reads the
 * subscription's events from the store (shared by every node, so it does not matter which node runs the saga)
 * from the position noted before the request, until the change's completed or failed event appears, then waits for
 * the read models to have processed it, so the answer shows what Stripe did.
 */
@Component
class SubscriptionChangeOutcomes {

    /** The subscription's events are read this often while waiting; a Stripe call takes hundreds of ms. */
    private static final Duration POLL = Duration.ofMillis(50);

    private final EventStore eventStore;
    private final ProjectionCatchUp catchUp;

    SubscriptionChangeOutcomes(EventStore eventStore, ProjectionCatchUp catchUp) {
        this.eventStore = eventStore;
        this.catchUp = catchUp;
    }

    sealed interface Outcome {
    }

    record Completed() implements Outcome {
    }

    record Failed(SubscriptionChangeFailedEvent event) implements Outcome {
    }

    /** The saga has not finished within the wait: the change is still being made. */
    record Pending() implements Outcome {
    }

    /** The position to read outcomes from: the subscription's last event before the change is requested. */
    long position(String subscriptionId) {
        return eventStore.lastSequenceNumberFor(subscriptionId).orElse(-1L);
    }

    Outcome await(String subscriptionId, String changeId, long position, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        long next = position + 1;
        while (true) {
            List<? extends DomainEventMessage<?>> events = eventStore.readEvents(subscriptionId, next).asStream()
                    .toList();
            for (DomainEventMessage<?> event : events) {
                next = event.getSequenceNumber() + 1;
                Optional<Outcome> outcome = outcome(event.getPayload(), changeId);
                if (outcome.isPresent()) {
                    catchUp.awaitEvents(List.of(event.getIdentifier()));
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
