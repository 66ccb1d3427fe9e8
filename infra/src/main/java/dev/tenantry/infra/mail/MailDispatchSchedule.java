package dev.tenantry.infra.mail;

import dev.tenantry.infra.persistence.Workload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the dispatcher on one background thread per node: right after a transaction that wrote mails commits
 * ({@link #wakeUp()}), and on a fixed poll for retries and for rows whose wake-up was lost (a node that died right
 * after its commit, or a row written by another node). Wake-ups that arrive while one is queued are one run.
 */
class MailDispatchSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(MailDispatchSchedule.class);

    private final MailDispatcher dispatcher;
    private final Duration pollInterval;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    MailDispatchSchedule(MailDispatcher dispatcher, Duration pollInterval) {
        this.dispatcher = dispatcher;
        this.pollInterval = pollInterval;
    }

    void wakeUp() {
        ScheduledExecutorService current = executor;
        if (current == null || !wakeUpQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            current.execute(() -> {
                wakeUpQueued.set(false);
                dispatch();
            });
        } catch (RejectedExecutionException stopping) {
            wakeUpQueued.set(false); // the next start polls what is due
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(
                Workload.BACKGROUND.threadFactory(task -> {
                    Thread thread = new Thread(task, "mail-outbox");
                    thread.setDaemon(true);
                    return thread;
                }));
        started.scheduleWithFixedDelay(this::dispatch, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService stopping = executor;
        executor = null;
        if (stopping == null) {
            return;
        }
        stopping.shutdown();
        try {
            // A send in progress finishes (SMTP timeouts bound it), so that its row does not stay SENDING.
            if (!stopping.awaitTermination(30, TimeUnit.SECONDS)) {
                log.warn("Mail outbox: a send was still running at shutdown; its mail may stay in SENDING");
                stopping.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private void dispatch() {
        try {
            dispatcher.dispatchDue();
        } catch (RuntimeException e) {
            // Typically the database is unreachable. Swallowed: a scheduled task that throws is never run again.
            log.warn("Mail outbox: dispatching failed, next attempt in {}", pollInterval, e);
        }
    }
}
