package dev.tenantry.infra.axon;

import dev.tenantry.infra.persistence.ConnectionGate;
import org.axonframework.common.lock.Lock;
import org.axonframework.common.lock.LockAcquisitionFailedException;
import org.axonframework.common.lock.LockFactory;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One fair lock per aggregate: commands waiting for a busy aggregate are served in the order they came, each waiting
 * once, asleep, for at most the timeout. Axon's PessimisticLockFactory instead wakes every waiter every 10 ms to
 * look for deadlocks and lets it rejoin the queue at the back, so under load it burnt CPU and some commands waited
 * for seconds while later ones went first. (The deadlock it looks for needs a command that locks two aggregates;
 * none here does, and the timeout ends one anyway.)
 * <p>
 * While commands wait for an aggregate, the thread holding it goes first for a database connection
 * ({@link ConnectionGate}): all of them are waiting on it.
 */
final class FairLockFactory implements LockFactory {

    private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();
    private final Duration timeout;

    FairLockFactory(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public Lock obtainLock(String identifier) {
        Entry entry = locks.compute(identifier, (id, existing) -> (existing == null ? new Entry() : existing).use());
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LockAcquisitionFailedException("Interrupted while waiting for aggregate " + identifier, e);
        } finally {
            if (!locked) {
                forget(identifier);
            }
        }
        if (!locked) {
            throw new LockAcquisitionFailedException(
                    "Aggregate " + identifier + " stayed busy for " + timeout.toSeconds() + " s");
        }
        return new Held(identifier, entry,
                ConnectionGate.whileHolding(() -> entry.lock.hasQueuedThreads()));
    }

    /** Drops the entry once nobody holds or waits for it, so that the map does not grow with every aggregate. */
    private void forget(String identifier) {
        locks.computeIfPresent(identifier, (id, entry) -> entry.unuse() == 0 ? null : entry);
    }

    /** How many threads hold or wait for the lock; changed only inside the map's per-key compute. */
    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock(true);
        int users;

        Entry use() {
            users++;
            return this;
        }

        int unuse() {
            return --users;
        }
    }

    private final class Held implements Lock {
        private final String identifier;
        private final Entry entry;
        private final ConnectionGate.Mark firstForConnections;
        private boolean released;

        Held(String identifier, Entry entry, ConnectionGate.Mark firstForConnections) {
            this.identifier = identifier;
            this.entry = entry;
            this.firstForConnections = firstForConnections;
        }

        @Override
        public void release() {
            if (!released) {
                released = true;
                firstForConnections.close();
                entry.lock.unlock();
                forget(identifier);
            }
        }

        @Override
        public boolean isHeld() {
            return !released && entry.lock.isHeldByCurrentThread();
        }
    }
}
