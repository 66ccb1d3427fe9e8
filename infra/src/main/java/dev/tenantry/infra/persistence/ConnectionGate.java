package dev.tenantry.infra.persistence;

import org.springframework.jdbc.datasource.DelegatingDataSource;

import javax.sql.DataSource;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The queue in front of a connection pool, which serves first the threads that others are waiting for.
 * <p>
 * Commands on one aggregate run one at a time, so one busy organization's clients all wait on the thread that holds
 * its lock. In a plain first-come queue for connections that thread waited behind every other tenant's command,
 * and its organization got one connection turn in as many as there were busy tenants: its clients waited for
 * tens of seconds while each of the others waited milliseconds. A thread that holds a lock others queue on
 * ({@link #whileHolding}) is therefore served before any thread that does not; within each class, in order.
 */
public final class ConnectionGate {

    private static final ThreadLocal<List<BooleanSupplier>> HELD = ThreadLocal.withInitial(ArrayList::new);

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Condition> urgent = new ArrayDeque<>();
    private final ArrayDeque<Condition> ordinary = new ArrayDeque<>();
    private final Duration timeout;
    private int free;

    ConnectionGate(int permits, Duration timeout) {
        this.free = permits;
        this.timeout = timeout;
    }

    /**
     * Marks the current thread, until the returned handle is closed, as holding something other threads may wait
     * for; {@code othersWaiting} tells, when the thread asks for a connection, whether any does.
     */
    public static Mark whileHolding(BooleanSupplier othersWaiting) {
        List<BooleanSupplier> held = HELD.get();
        held.add(othersWaiting);
        return () -> held.remove(othersWaiting);
    }

    /** Ends a {@link #whileHolding} mark. */
    public interface Mark extends AutoCloseable {
        @Override
        void close();
    }

    private static boolean othersWaitOnThisThread() {
        for (BooleanSupplier othersWaiting : HELD.get()) {
            if (othersWaiting.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** The pool behind this gate: every connection it hands out took a turn here, and gives it back on close. */
    DataSource guard(DataSource pool) {
        return new DelegatingDataSource(pool) {
            @Override
            public Connection getConnection() throws SQLException {
                enter();
                try {
                    return releasingOnClose(super.getConnection());
                } catch (SQLException | RuntimeException e) {
                    leave();
                    throw e;
                }
            }
        };
    }

    private void enter() throws SQLException {
        lock.lock();
        try {
            if (free > 0 && urgent.isEmpty() && ordinary.isEmpty()) {
                free--;
                return;
            }
            Condition turn = lock.newCondition();
            ArrayDeque<Condition> queue = othersWaitOnThisThread() ? urgent : ordinary;
            queue.addLast(turn);
            long nanos = timeout.toNanos();
            try {
                while (queue.contains(turn)) {
                    if (nanos <= 0) {
                        queue.remove(turn);
                        throw new SQLTransientConnectionException(
                                "No database connection became free within " + timeout.toSeconds() + " s");
                    }
                    nanos = turn.awaitNanos(nanos);
                }
            } catch (InterruptedException e) {
                if (!queue.remove(turn)) {
                    handOn(); // the turn was given to this thread just as it was interrupted
                }
                Thread.currentThread().interrupt();
                throw new SQLTransientConnectionException("Interrupted while waiting for a database connection", e);
            }
        } finally {
            lock.unlock();
        }
    }

    private void leave() {
        lock.lock();
        try {
            handOn();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a freed turn to the next waiter (removing it from its queue is what wakes it), or keeps it free. */
    private void handOn() {
        Condition next = !urgent.isEmpty() ? urgent.pollFirst() : ordinary.pollFirst();
        if (next != null) {
            next.signal();
        } else {
            free++;
        }
    }

    private Connection releasingOnClose(Connection connection) {
        InvocationHandler handler = new InvocationHandler() {
            private boolean closed;

            @Override
            public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws Throwable {
                if (method.getName().equals("close") && method.getParameterCount() == 0) {
                    if (!closed) {
                        closed = true;
                        try {
                            connection.close();
                        } finally {
                            leave();
                        }
                    }
                    return null;
                }
                try {
                    return method.invoke(connection, args);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
            }
        };
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
                new Class<?>[]{Connection.class}, handler);
    }
}
