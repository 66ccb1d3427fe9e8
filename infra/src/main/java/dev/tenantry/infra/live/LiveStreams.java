package dev.tenantry.infra.live;

import dev.tenantry.api.live.TenantChanged;
import dev.tenantry.api.live.WatchTenantQuery;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.security.SessionCheck;
import dev.tenantry.infra.web.ApiException;
import dev.tenantry.infra.web.TenantAccess;
import dev.tenantry.query.audit.ActivityFeed;
import dev.tenantry.query.dashboard.Dashboards;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The live streams open on this node. A heartbeat goes to each at a fixed interval: writing to a connection whose
 * client has gone fails, which ends the stream and releases its subscription. The heartbeat also checks that the
 * client is still an active member; one who was removed gets a "revoked" event and the stream ends. Every second,
 * the streams' sign-ins are checked too: a stream whose sign-in ended (logout, a password reset) gets "revoked".
 * <p>
 * None of these threads writes to a client: each stream has a writer of its own ({@link StreamWriter}). A client that
 * stops reading blocks only that writer, and is dropped once a write has waited {@code tenantry.live.send-timeout}.
 */
@Component
public class LiveStreams {

    static final String OPEN_METER = "tenantry.live.streams";
    static final String DROPPED_METER = "tenantry.live.streams.dropped";

    private final Set<TenantStream> open = ConcurrentHashMap.newKeySet();
    private final Map<TenantStream, String> signIns = new ConcurrentHashMap<>();
    private final SessionCheck sessions;
    private final QueryGateway queries;
    private final TenantAccess access;
    private final ActivityFeed activity;
    private final Dashboards dashboards;
    private final ProjectionCatchUp catchUp;
    private final Duration maxDuration;
    private final Duration sendTimeout;
    private final Limits limits;
    private final MeterRegistry meters;
    private final AtomicInteger writerThreads = new AtomicInteger();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-heartbeat");
        thread.setDaemon(true);
        return thread;
    });
    /**
     * A thread per stream while it writes, none while it waits for events. Not a fixed pool: writers blocked by
     * clients that stopped reading (until Tomcat's write timeout, after their streams were dropped) would take it
     * from the others. The streams' caps bound it.
     */
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "live-writer-" + writerThreads.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    LiveStreams(QueryGateway queries, TenantAccess access, ActivityFeed activity, Dashboards dashboards,
                ProjectionCatchUp catchUp, SessionCheck sessions,
                @Value("${tenantry.live.heartbeat-interval:15s}") Duration heartbeatInterval,
                @Value("${tenantry.live.max-duration:1h}") Duration maxDuration,
                @Value("${tenantry.live.send-timeout:10s}") Duration sendTimeout, Limits limits,
                MeterRegistry meters) {
        this.meters = meters;
        Gauge.builder(OPEN_METER, open, Set::size)
                .description("Live streams open on this node").register(meters);
        this.queries = queries;
        this.access = access;
        this.activity = activity;
        this.dashboards = dashboards;
        this.catchUp = catchUp;
        this.sessions = sessions;
        this.maxDuration = maxDuration;
        this.sendTimeout = sendTimeout;
        this.limits = limits;
        heartbeats.scheduleAtFixedRate(this::beat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        heartbeats.scheduleAtFixedRate(this::checkSignIns, 1, 1, TimeUnit.SECONDS);
        heartbeats.scheduleAtFixedRate(this::dropBlocked, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * @param sessionId   the sign-in that opened it (ends the stream when it ends), or {@code null}
     * @param lastEventId the client's Last-Event-ID header (an audit sequence), or {@code null}
     */
    SseEmitter open(String tenantId, String userId, String sessionId, Long lastEventId) {
        // The client reconnects (with Last-Event-ID) when a stream reaches its maximum length.
        SseEmitter emitter = new SseEmitter(maxDuration.toMillis());
        TenantStream stream = new TenantStream(tenantId, userId, emitter, writers, limits.maxUnwritten(), activity,
                dashboards, catchUp, this::countDrop);
        admit(stream);
        if (sessionId != null) {
            signIns.put(stream, sessionId);
        }
        stream.start(queries.subscriptionQuery(new WatchTenantQuery(tenantId),
                        ResponseTypes.instanceOf(Long.class), ResponseTypes.instanceOf(TenantChanged.class)),
                lastEventId, limits.maxReplay(), () -> {
                    open.remove(stream);
                    signIns.remove(stream);
                });
        return emitter;
    }

    /**
     * Takes the stream in unless it would pass a cap: per user, per organization, per node. Synchronized, so that
     * concurrent opens cannot all slip under a cap at once.
     */
    private synchronized void admit(TenantStream stream) {
        long byUser = open.stream().filter(other -> other.userId().equals(stream.userId())).count();
        long byOrganization = open.stream().filter(other -> other.tenantId().equals(stream.tenantId())).count();
        String refusal = byUser >= limits.maxStreamsPerUser()
                ? "You have " + byUser + " live streams open, the most one user may"
                : byOrganization >= limits.maxStreamsPerOrganization()
                ? "This organization has " + byOrganization + " live streams open, the most it may"
                : open.size() >= limits.maxStreamsPerNode()
                ? "This server has as many live streams open as it takes; try again shortly"
                : null;
        if (refusal != null) {
            throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "too-many-streams", "Too many streams",
                    refusal + ": close one (or wait until a closed one is noticed, within a heartbeat)");
        }
        open.add(stream);
    }

    /**
     * {@code tenantry.live.*}: the caps count the streams open on this node (a user with streams on several nodes
     * may have the cap on each).
     */
    @Component
    static class Limits {

        private final int maxStreamsPerUser;
        private final int maxStreamsPerOrganization;
        private final int maxStreamsPerNode;
        private final long maxReplay;

        Limits(@Value("${tenantry.live.max-streams-per-user:5}") int maxStreamsPerUser,
               @Value("${tenantry.live.max-streams-per-organization:50}") int maxStreamsPerOrganization,
               @Value("${tenantry.live.max-streams-per-node:1000}") int maxStreamsPerNode,
               @Value("${tenantry.live.max-replay:1000}") long maxReplay) {
            this.maxStreamsPerUser = maxStreamsPerUser;
            this.maxStreamsPerOrganization = maxStreamsPerOrganization;
            this.maxStreamsPerNode = maxStreamsPerNode;
            this.maxReplay = maxReplay;
        }

        int maxStreamsPerUser() {
            return maxStreamsPerUser;
        }

        int maxStreamsPerOrganization() {
            return maxStreamsPerOrganization;
        }

        int maxStreamsPerNode() {
            return maxStreamsPerNode;
        }

        long maxReplay() {
            return maxReplay;
        }

        /**
         * Events a stream may have queued and unwritten: a whole replay, and a thousand more. Only a client that reads
         * much slower than its organization changes gets there, and is dropped.
         */
        int maxUnwritten() {
            return (int) Math.min(Integer.MAX_VALUE / 2, maxReplay) + 1000;
        }
    }

    /** Streams open on this node now. */
    public int openStreams() {
        return open.size();
    }

    private void beat() {
        for (TenantStream stream : open) {
            try {
                if (access.activeMembership(stream.tenantId(), stream.userId()).isPresent()) {
                    stream.heartbeat();
                } else {
                    stream.revoke("You are no longer a member of this organization");
                }
            } catch (RuntimeException e) {
                // One stream's trouble (a query timing out) must not stop the heartbeat of the others.
                stream.heartbeat();
            }
        }
    }

    private void countDrop(String reason) {
        Counter.builder(DROPPED_METER).tag("reason", reason)
                .description("Live streams dropped because their client did not read").register(meters).increment();
    }

    private void dropBlocked() {
        for (TenantStream stream : open) {
            if (stream.blockedLongerThan(sendTimeout)) {
                stream.drop(TenantStream.BLOCKED, "a write to it waited longer than " + sendTimeout
                        + " for the client to read");
            }
        }
    }

    private void checkSignIns() {
        signIns.forEach((stream, sessionId) -> {
            try {
                if (!sessions.isActive(sessionId)) {
                    signIns.remove(stream);
                    stream.revoke("Your sign-in has ended; sign in again");
                }
            } catch (RuntimeException e) {
                // Checked again in a second; one stream's trouble must not stop the others' checks.
            }
        });
    }

    @PreDestroy
    void stop() {
        heartbeats.shutdownNow();
        writers.shutdownNow();
    }
}
