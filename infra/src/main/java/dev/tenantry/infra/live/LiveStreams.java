package dev.tenantry.infra.live;

import dev.tenantry.infra.audit.ActivityFeed;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.infra.organization.Dashboards;
import dev.tenantry.infra.security.SessionCheck;
import dev.tenantry.infra.web.TenantAccess;
import jakarta.annotation.PreDestroy;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The live streams open on this node. A heartbeat goes to each at a fixed interval: writing to a connection whose
 * client has gone fails, which ends the stream and releases its subscription. The heartbeat also checks that the
 * client is still an active member; one who was removed gets a "revoked" event and the stream ends. Every second,
 * the streams' sign-ins are checked too: a stream whose sign-in ended (logout, a password reset) gets "revoked".
 */
@Component
public class LiveStreams {

    private final Set<TenantStream> open = ConcurrentHashMap.newKeySet();
    private final Map<TenantStream, String> signIns = new ConcurrentHashMap<>();
    private final SessionCheck sessions;
    private final QueryGateway queries;
    private final TenantAccess access;
    private final ActivityFeed activity;
    private final Dashboards dashboards;
    private final ProjectionCatchUp catchUp;
    private final Duration maxDuration;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "live-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    LiveStreams(QueryGateway queries, TenantAccess access, ActivityFeed activity, Dashboards dashboards,
                ProjectionCatchUp catchUp, SessionCheck sessions,
                @Value("${tenantry.live.heartbeat-interval:15s}") Duration heartbeatInterval,
                @Value("${tenantry.live.max-duration:1h}") Duration maxDuration) {
        this.queries = queries;
        this.access = access;
        this.activity = activity;
        this.dashboards = dashboards;
        this.catchUp = catchUp;
        this.sessions = sessions;
        this.maxDuration = maxDuration;
        heartbeats.scheduleAtFixedRate(this::beat, heartbeatInterval.toMillis(), heartbeatInterval.toMillis(),
                TimeUnit.MILLISECONDS);
        heartbeats.scheduleAtFixedRate(this::checkSignIns, 1, 1, TimeUnit.SECONDS);
    }

    /**
     * @param sessionId   the sign-in that opened it (ends the stream when it ends), or {@code null}
     * @param lastEventId the client's Last-Event-ID header (an audit sequence), or {@code null}
     */
    SseEmitter open(String tenantId, String userId, String sessionId, Long lastEventId) {
        // The client reconnects (with Last-Event-ID) when a stream reaches its maximum length.
        SseEmitter emitter = new SseEmitter(maxDuration.toMillis());
        TenantStream stream = new TenantStream(tenantId, userId, emitter, activity, dashboards, catchUp);
        open.add(stream);
        if (sessionId != null) {
            signIns.put(stream, sessionId);
        }
        stream.start(queries.subscriptionQuery(new WatchTenantQuery(tenantId),
                        ResponseTypes.instanceOf(Long.class), ResponseTypes.instanceOf(TenantChanged.class)),
                lastEventId, () -> {
                    open.remove(stream);
                    signIns.remove(stream);
                });
        return emitter;
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
    }
}
