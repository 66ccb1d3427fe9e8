package dev.tenantry.infra.axon;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.RetryScheduler;
import org.axonframework.modelling.command.ConcurrencyException;

import javax.annotation.Nonnull;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends a command again when it lost a race on its aggregate, and for nothing else (a rule the domain refused is
 * final). Such a race happens between nodes, or when a node's cached aggregate is older than the store: appending
 * the event then clashes with the sequence number another node wrote, the unit of work rolls back, the cache entry
 * is dropped, and the next attempt loads the aggregate afresh. Only when every attempt loses does the client get
 * 409 {@code concurrent-modification}.
 */
class ConflictRetry implements RetryScheduler {

    private final ScheduledExecutorService executor;
    private final int maxRetries;
    private final Duration firstDelay;

    ConflictRetry(ScheduledExecutorService executor, int maxRetries, Duration firstDelay) {
        this.executor = executor;
        this.maxRetries = maxRetries;
        this.firstDelay = firstDelay;
    }

    @Override
    public boolean scheduleRetry(@Nonnull CommandMessage commandMessage, @Nonnull RuntimeException lastFailure,
                                 @Nonnull List<Class<? extends Throwable>[]> failures,
                                 @Nonnull Runnable commandDispatch) {
        int retriesSoFar = failures.size() - 1;
        if (!lostARace(lastFailure) || retriesSoFar >= maxRetries) {
            return false;
        }
        // Doubling waits, so that nodes racing on one aggregate fall out of step.
        executor.schedule(commandDispatch, firstDelay.toMillis() << retriesSoFar, TimeUnit.MILLISECONDS);
        return true;
    }

    private static boolean lostARace(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }
}
