package dev.tenantry.infra.persistence;

import java.util.concurrent.ThreadFactory;
import java.util.function.Supplier;

/**
 * The kinds of work that draw database connections from pools of their own (see {@link ConnectionPools}), so that
 * no kind can take every connection: a burst of requests cannot stall the event processors that the requests then
 * wait for, and a few long audit exports cannot leave commands without a connection.
 * <p>
 * The kind is a property of the thread doing the work: request threads are {@link #REQUESTS} unless they say
 * otherwise, threads made by {@link #threadFactory} carry their kind for their whole life, and {@link #call}
 * switches it for the duration of one piece of work.
 */
public enum Workload {

    /** HTTP requests and anything else that does not say otherwise. */
    REQUESTS,
    /** Event processors, sagas and other work in the background. */
    BACKGROUND,
    /** Long reads streamed to a client: audit export, verify, point-in-time state. */
    STREAMS;

    private static final ThreadLocal<Workload> CURRENT = new ThreadLocal<>();

    public static Workload current() {
        Workload workload = CURRENT.get();
        return workload == null ? REQUESTS : workload;
    }

    /**
     * Runs the work as this kind. A connection is chosen when the work first touches the database, so this must
     * wrap the whole unit of work, transaction included.
     */
    public <T> T call(Supplier<T> work) {
        Workload previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            CURRENT.set(previous);
        }
    }

    public void run(Runnable work) {
        call(() -> {
            work.run();
            return null;
        });
    }

    /** Threads whose every task is this kind of work. */
    public ThreadFactory threadFactory(ThreadFactory delegate) {
        return task -> delegate.newThread(() -> run(task));
    }
}
