package dev.tenantry.infra.live;

import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * Writes one live stream's events in the order they were queued, on a writer thread of its own. Whoever queues an
 * event (the heartbeat, the tenant's updates, the request that opened the stream) never writes: once a client stops
 * reading and its connection's buffers are full, a write to it blocks until Tomcat's own write timeout (a minute),
 * and only this stream's writer waits. The queue is bounded, so an unread stream holds little memory.
 */
final class StreamWriter {

    /** What the writer does with the emitter: send an event, or complete the response. */
    private interface Write {
        void to(SseEmitter emitter) throws IOException;
    }

    private static final Write COMPLETE = SseEmitter::complete;

    private final SseEmitter emitter;
    private final Executor writers;
    private final int capacity;
    private final Runnable onFailure;
    private final Deque<Write> queue = new ArrayDeque<>();
    /** Guarded by this: false once the stream is finishing or abandoned. */
    private boolean accepting = true;
    /** Guarded by this: a writer is running (or about to) for this stream. */
    private boolean draining;
    /** Guarded by this: the writer has taken up the completion, or a write failed; nothing more is written. */
    private boolean done;
    private volatile boolean writing;
    /** System.nanoTime() (elapsed time, not a point in time) when the write in progress began. */
    private volatile long writeBegan;

    /**
     * @param capacity  the most events queued and not yet written; one more is refused
     * @param onFailure run on the writer's thread when a write fails (the client has gone, or Tomcat's write timed out)
     */
    StreamWriter(SseEmitter emitter, Executor writers, int capacity, Runnable onFailure) {
        this.emitter = emitter;
        this.writers = writers;
        this.capacity = capacity;
        this.onFailure = onFailure;
    }

    /**
     * Queues the event; false if {@code capacity} events are unwritten already (the client does not keep up). An
     * event for a stream that is ending is let go: the stream is over for its client anyway.
     */
    boolean send(SseEmitter.SseEventBuilder event) {
        synchronized (this) {
            if (!accepting) {
                return true;
            }
            if (queue.size() >= capacity) {
                return false;
            }
            queue.add(target -> target.send(event));
        }
        schedule();
        return true;
    }

    /** Completes the response once everything queued before is written; nothing more is taken. */
    void finish() {
        synchronized (this) {
            if (!accepting) {
                return;
            }
            accepting = false;
            queue.add(COMPLETE);
        }
        schedule();
    }

    /**
     * Forgets whatever is unwritten and completes the response, as soon as the write in progress (if any) returns.
     * The response cannot be completed before that: the emitter is locked while it writes.
     */
    void abandon() {
        synchronized (this) {
            if (done) {
                return;
            }
            accepting = false;
            queue.clear();
            queue.add(COMPLETE);
        }
        schedule();
    }

    /** Whether a write has been waiting for the client longer than this. */
    boolean blockedLongerThan(Duration timeout) {
        // In this order: the beginning read after seeing a write in progress is that write's, or a later one's; read
        // first, it could be an earlier write's, and a quiet stream's next write would look blocked for minutes.
        if (!writing) {
            return false;
        }
        return System.nanoTime() - writeBegan > timeout.toNanos();
    }

    private void schedule() {
        synchronized (this) {
            if (draining || queue.isEmpty()) {
                return;
            }
            draining = true;
        }
        try {
            writers.execute(this::drain);
        } catch (RejectedExecutionException stopping) {
            // The application is shutting down; its connections close with it.
            synchronized (this) {
                draining = false;
            }
        }
    }

    private void drain() {
        while (true) {
            Write next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                done = next == COMPLETE;
                writeBegan = System.nanoTime();
                writing = true;
            }
            try {
                next.to(emitter);
            } catch (IOException | IllegalStateException e) {
                // The client went away (broken pipe, write timeout) or the response is already complete.
                synchronized (this) {
                    accepting = false;
                    done = true;
                    queue.clear();
                }
                onFailure.run();
                complete();
            } finally {
                writing = false;
            }
        }
    }

    private void complete() {
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyDone) {
            // completed by the container already
        }
    }
}
