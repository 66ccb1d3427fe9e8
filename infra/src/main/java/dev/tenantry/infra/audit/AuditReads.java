package dev.tenantry.infra.audit;

import dev.tenantry.infra.config.TenantryProperties;
import dev.tenantry.infra.persistence.Workload;
import dev.tenantry.infra.web.ApiException;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.support.TaskExecutorAdapter;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.async.CallableProcessingInterceptor;
import org.springframework.web.context.request.async.WebAsyncManager;
import org.springframework.web.context.request.async.WebAsyncUtils;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The reads that walk a whole history (export, verify, point-in-time state) running on this node: at most
 * {@code tenantry.audit.max-concurrent-reads-per-organization} of one organization and
 * {@code tenantry.audit.max-concurrent-reads-per-node} in all. One more is refused at once with 429
 * {@code too-many-audit-reads}, before anything is read.
 * <p>
 * Each read holds a connection of the streams pool from its first row to its last (PostgreSQL streams a cursor only
 * inside a transaction), so a read beyond the pool's size would only wait for a connection, for the pool's
 * connection timeout, and then fail: the node's cap defaults to {@code tenantry.pools.streams}. A read also keeps
 * about a core busy, so one organization gets one at a time by default: on a 2-core node, two reads of one tenant
 * made another tenant's renames two to four times slower, one left them as they were.
 * <p>
 * An admitted read runs as Spring MVC async work on threads of its own, as many as the node's cap, so a read of a
 * long history holds no request thread while it runs, and no shared executor thread either.
 */
@Component
class AuditReads {

    private static final String TOO_MANY = "too-many-audit-reads";
    /**
     * A read may end in milliseconds or run for minutes; a few seconds keeps a refused client from adding to the
     * load while it waits, and costs a short read's client little.
     */
    private static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(AuditReads.class);

    private final int maxPerOrganization;
    private final int maxPerNode;
    private final Map<String, Integer> runningByOrganization = new HashMap<>();
    private int running;
    private final ExecutorService threads;
    private final AsyncTaskExecutor executor;

    AuditReads(@Value("${tenantry.audit.max-concurrent-reads-per-organization:1}") int maxPerOrganization,
               @Value("${tenantry.audit.max-concurrent-reads-per-node:${tenantry.pools.streams:3}}") int maxPerNode,
               TenantryProperties properties) {
        this.maxPerOrganization = maxPerOrganization;
        this.maxPerNode = maxPerNode;
        if (maxPerNode > properties.pools().streams()) {
            log.warn("tenantry.audit.max-concurrent-reads-per-node ({}) is more than tenantry.pools.streams ({}): "
                    + "reads beyond the pool's size wait for a connection, and fail when none comes in time",
                    maxPerNode, properties.pools().streams());
        }
        AtomicInteger number = new AtomicInteger();
        this.threads = Executors.newFixedThreadPool(maxPerNode, Workload.STREAMS.threadFactory(task -> {
            Thread thread = new Thread(task, "audit-read-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }));
        this.executor = new TaskExecutorAdapter(threads);
    }

    int maxPerOrganization() {
        return maxPerOrganization;
    }

    int maxPerNode() {
        return maxPerNode;
    }

    /** Reads running on this node now. */
    synchronized int running() {
        return running;
    }

    /**
     * Admits a read of the organization's history for this request, or refuses it (429). Admitted, the request's
     * async work (the {@link Read#callable} or {@link Read#streaming} it returns) runs on the read threads, and the
     * place is given back when that work ends however it ends, or when the request ends without it having started.
     * Call it last, once nothing else can refuse the request.
     */
    Read admit(String organizationId, NativeWebRequest request) {
        Read read = take(organizationId);
        WebAsyncManager async = WebAsyncUtils.getAsyncManager(request);
        async.setTaskExecutor(executor);
        async.registerCallableInterceptor(Read.class, new CallableProcessingInterceptor() {
            @Override
            public <T> void afterCompletion(NativeWebRequest completed, Callable<T> task) {
                // Spring cancels work that has not started when its request times out or fails.
                read.giveBackUnlessStarted();
            }
        });
        return read;
    }

    /** Synchronized, so that concurrent reads cannot all slip under a cap at once. */
    private synchronized Read take(String organizationId) {
        int ofOrganization = runningByOrganization.getOrDefault(organizationId, 0);
        String refusal = ofOrganization >= maxPerOrganization
                ? "This organization has " + ofOrganization + " audit reads (export, verify, state) running, the "
                + "most it may at once"
                : running >= maxPerNode
                ? "This server runs as many audit reads (export, verify, state) as it can at once"
                : null;
        if (refusal != null) {
            throw ApiException.tooManyRequests(TOO_MANY, "Too many audit reads",
                    refusal + "; try again when one has ended", RETRY_AFTER);
        }
        runningByOrganization.put(organizationId, ofOrganization + 1);
        running++;
        return new Read(organizationId);
    }

    private synchronized void giveBack(String organizationId) {
        runningByOrganization.computeIfPresent(organizationId, (id, count) -> count == 1 ? null : count - 1);
        running--;
    }

    /** One admitted read: its place is given back exactly once. */
    final class Read {

        private final String organizationId;
        /** Set by whichever comes first: the work starting, or the request ending without it. */
        private final AtomicBoolean claimed = new AtomicBoolean();

        private Read(String organizationId) {
            this.organizationId = organizationId;
        }

        /** The read as a Spring MVC {@code Callable}: its value is the answer. */
        <T> Callable<T> callable(Callable<T> work) {
            return () -> {
                if (!claimed.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return work.call();
                } finally {
                    giveBack(organizationId);
                }
            };
        }

        /** The read as a streamed answer, which ends when the last byte is written or the client goes away. */
        StreamingResponseBody streaming(StreamingResponseBody body) {
            return out -> {
                if (!claimed.compareAndSet(false, true)) {
                    return;
                }
                try {
                    body.writeTo(out);
                } finally {
                    giveBack(organizationId);
                }
            };
        }

        private void giveBackUnlessStarted() {
            if (claimed.compareAndSet(false, true)) {
                giveBack(organizationId);
            }
        }
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }
}
