package dev.tenantry.command.identity;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction with an event unit of work bound to it: the rows written and the events
 * published commit together, carrying the actor and the request's correlation metadata.
 */
public interface EventUnitOfWork {

    /** @return the work's result; its exception, rethrown, after the rollback */
    <T> T run(String actorId, Supplier<T> work);
}
