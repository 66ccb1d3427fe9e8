package dev.tenantry.infra.live;

import dev.tenantry.api.live.TenantChanged;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.query.audit.Activity;
import dev.tenantry.query.audit.ActivityFeed;
import dev.tenantry.query.dashboard.Dashboards;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * One client's live stream of one organization. Sends, in order: what the client missed (audit activity after its
 * Last-Event-ID), the dashboard, and then for every burst of changes the new activity (SSE id = audit sequence) and
 * the dashboard once the read models have caught up. Sends are queued for the stream's own {@link StreamWriter}, so
 * that no thread that serves other streams too ever waits for this one's client. A send that fails (the client is
 * gone) ends the stream and its subscription; so does a client that does not read (see {@link #drop}).
 */
class TenantStream {

    private static final Logger log = LoggerFactory.getLogger(TenantStream.class);
    /** Changes arriving within this window are shown together: one dashboard for a burst of events. */
    private static final Duration BURST = Duration.ofMillis(100);
    private static final int PAGE = 500;
    /** Drop reasons: a write waited longer than the send timeout; more events unwritten than the stream may queue. */
    static final String BLOCKED = "blocked";
    static final String BACKLOG = "backlog";

    private final String tenantId;
    private final String userId;
    private final SseEmitter emitter;
    private final StreamWriter writer;
    private final ActivityFeed activity;
    private final Dashboards dashboards;
    private final ProjectionCatchUp catchUp;
    private final AtomicBoolean closed = new AtomicBoolean();
    private SubscriptionQueryResult<Long, TenantChanged> subscription;
    private Disposable updates;
    private Runnable onClose = () -> { };
    /** Told the reason ({@link #BLOCKED}, {@link #BACKLOG}) of a drop, for the meter. */
    private final Consumer<String> dropped;
    /** The last audit sequence sent; only the updates' single worker thread touches it after {@link #start}. */
    private long lastSequence;

    /**
     * @param writers     runs the stream's writer
     * @param maxUnwritten the most events queued for the client and not yet written; a stream that would pass it is
     *                     dropped
     */
    TenantStream(String tenantId, String userId, SseEmitter emitter, Executor writers, int maxUnwritten,
                 ActivityFeed activity, Dashboards dashboards, ProjectionCatchUp catchUp, Consumer<String> dropped) {
        this.dropped = dropped;
        this.tenantId = tenantId;
        this.userId = userId;
        this.emitter = emitter;
        this.writer = new StreamWriter(emitter, writers, maxUnwritten, this::release);
        this.activity = activity;
        this.dashboards = dashboards;
        this.catchUp = catchUp;
    }

    String tenantId() {
        return tenantId;
    }

    String userId() {
        return userId;
    }

    /**
     * Subscribes before reading anything, so that no change falls between what was read and what is pushed; a
     * change already sent is recognised by its audit sequence.
     *
     * @param lastEventId the client's Last-Event-ID, or {@code null} for a fresh client (nothing to catch up)
     * @param maxReplay   how far back a client may catch up; further back it gets a "reset" event instead (it
     *                    reloads the dashboard), so that no reconnect makes the server read a whole history
     */
    void start(SubscriptionQueryResult<Long, TenantChanged> subscription, Long lastEventId, long maxReplay,
               Runnable onClose) {
        this.subscription = subscription;
        this.onClose = onClose;
        emitter.onCompletion(this::close);
        emitter.onTimeout(this::close);
        emitter.onError(error -> close());
        long head = subscription.initialResult().blockOptional().orElse(0L);
        lastSequence = lastEventId != null ? Math.min(lastEventId, head) : head;
        if (head - lastSequence > maxReplay) {
            send(SseEmitter.event().name("reset").data(Map.of("missed", head - lastSequence, "maxReplay", maxReplay,
                    "head", head), MediaType.APPLICATION_JSON));
            lastSequence = head;
        }
        sendActivity();
        sendDashboard();
        updates = subscription.updates()
                .bufferTimeout(PAGE, BURST)
                .publishOn(Schedulers.boundedElastic())
                .subscribe(this::onChanges, error -> {
                    log.warn("Live updates of {} ended", tenantId, error);
                    end();
                });
    }

    private void onChanges(List<TenantChanged> changes) {
        if (closed.get()) {
            return;
        }
        sendActivity();
        // The dashboard's read models may be built on another node: wait until they have processed these events.
        catchUp.awaitProcessed(changes.stream().map(TenantChanged::globalIndex).toList());
        sendDashboard();
    }

    private void sendActivity() {
        List<Activity> page;
        do {
            page = activity.after(tenantId, lastSequence, PAGE);
            for (Activity entry : page) {
                if (!send(SseEmitter.event().name("activity").id(Long.toString(entry.sequence()))
                        .data(entry, MediaType.APPLICATION_JSON))) {
                    return;
                }
                lastSequence = entry.sequence();
            }
        } while (page.size() == PAGE);
    }

    private void sendDashboard() {
        send(SseEmitter.event().name("dashboard")
                .data(dashboards.dashboard(tenantId, Dashboards.DEFAULT_DAYS, Dashboards.DEFAULT_WEEKS).orElseThrow(() -> ApiException.notFound(
                        "organization-not-found", "No organization " + tenantId)), MediaType.APPLICATION_JSON));
    }

    /** A comment line: invisible to EventSource, but it fails fast on a connection the client has dropped. */
    void heartbeat() {
        send(SseEmitter.event().comment("heartbeat"));
    }

    /** Ends the stream from the server's side, telling the client why. */
    void revoke(String reason) {
        send(SseEmitter.event().name("revoked").data(reason));
        end();
    }

    /**
     * Whether a write to this stream has waited longer than this for its client to read: its connection's buffers
     * are full.
     */
    boolean blockedLongerThan(Duration timeout) {
        return writer.blockedLongerThan(timeout);
    }

    /**
     * Ends a stream whose client does not read (a write blocked too long, or too much unwritten): its slot and
     * subscription are released at once; the response is completed once the blocked write gives up. The client
     * reconnects with Last-Event-ID, if it is still there.
     */
    void drop(String reason, String why) {
        if (!closed.get()) {
            log.info("Live stream of {} for user {} dropped: {}", tenantId, userId, why);
            dropped.accept(reason);
        }
        close();
    }

    private boolean send(SseEmitter.SseEventBuilder event) {
        if (closed.get()) {
            return false;
        }
        if (writer.send(event)) {
            return true;
        }
        drop(BACKLOG, "more events unwritten than it may queue");
        return false;
    }

    /** Ends the stream after what was queued before, as a revoke does: the client gets to read why. */
    private void end() {
        writer.finish();
        release();
    }

    /** Ends the stream at once: the container completed it, or the client does not read. */
    private void close() {
        writer.abandon();
        release();
    }

    private void release() {
        if (closed.compareAndSet(false, true)) {
            if (updates != null) {
                updates.dispose();
            }
            if (subscription != null) {
                subscription.cancel();
            }
            onClose.run();
        }
    }
}
