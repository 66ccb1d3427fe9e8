package dev.tenantry.infra.axon;

import org.axonframework.modelling.command.ConcurrencyException;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends a command again when it lost a race on its aggregate, and for nothing else (a rule the domain refused is
 * final). Such a race happens between nodes, or when a node's cached aggregate is older than the store: appending
 * the event then clashes with the sequence number another node wrote, the unit of work rolls back, the cache entry
 * is dropped, and the next attempt loads the aggregate afresh. Only when every attempt loses does the client get
 * 409 {@code concurrent-modification}.
 * <p>
 * The attempts run on the caller's thread, not on a scheduler's: what the caller's thread carries (the events to
 * wait for before answering, the invitation token its mail needs) must see the attempt that succeeds.
 */
final class ConflictRetry {

    private final int maxRetries;
    private final Duration firstDelay;

    ConflictRetry(int maxRetries, Duration firstDelay) {
        this.maxRetries = maxRetries;
        this.firstDelay = firstDelay;
    }

    <R> R call(Supplier<R> attempt) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt.get();
            } catch (RuntimeException failure) {
                if (!lostARace(failure) || retry >= maxRetries) {
                    throw failure;
                }
                // Doubling waits, so that nodes racing on one aggregate fall out of step.
                pause(firstDelay.multipliedBy(1L << retry));
            }
        }
    }

    private static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private static void pause(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before sending a command again", e);
        }
    }
}
