package dev.tenantry.infra.live;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.SseClient;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A client that stops reading (a frozen tab, a stalled proxy) fills its connection's buffers; from then on a write to
 * it cannot complete. It is dropped after tenantry.live.send-timeout (2 s in the tests), and meanwhile every other
 * client, of its organization or another, gets its events and heartbeats as before.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class LiveStreamSlowReaderTest {

    /** The heartbeat comes every second in the tests: a gap this long means something held the heartbeats up. */
    private static final Duration LONGEST_HEARTBEAT_GAP = Duration.ofSeconds(6);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** Ample for filling the buffers and the send timeout; the connection's own write timeout is a minute. */
    private static final Duration DROPPED_WITHIN = Duration.ofSeconds(120);
    /** Renames at once: more events a second than one at a time, so that the buffers fill sooner. */
    private static final int RENAMERS = 3;

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Test
    void aClientThatStopsReadingIsDroppedWithoutHoldingUpTheOtherClients(CapturedOutput output) throws Exception {
        ApiClient api = new ApiClient(port);
        double droppedBefore = droppedForBlocking();
        // A long name makes each activity and dashboard longer (the name is in every summary): fewer changes fill
        // the buffers.
        User stuckUser = api.register("Stella Stuck " + "s".repeat(80), ApiClient.uniqueEmail("stella"));
        String org = "/api/orgs/" + api.createOrganization(stuckUser, "Stalled Inc");
        User otherOwner = api.register("Otto Other");
        String otherOrg = "/api/orgs/" + api.createOrganization(otherOwner, "Elsewhere Inc");

        List<SseClient> clients = new ArrayList<>();
        ExecutorService renamers = Executors.newFixedThreadPool(RENAMERS);
        ScheduledExecutorService pulse = Executors.newSingleThreadScheduledExecutor();
        try (Socket stuck = openWithoutReading(org + "/stream", stuckUser)) {
            SseClient sameOrg = open(org, stuckUser);
            SseClient otherOrgClient = open(otherOrg, otherOwner);
            clients.add(sameOrg);
            clients.add(otherOrgClient);
            // With the stuck one and these, the user has as many streams as one user may: the next one is refused
            // until the stuck one's slot is free. On quiet organizations, so that the flood below costs less.
            for (int i = 1; i <= 3; i++) {
                clients.add(open("/api/orgs/" + api.createOrganization(stuckUser, "Quiet " + i), stuckUser));
            }
            assertThat(clients).allSatisfy(client -> assertThat(client.status()).isEqualTo(200));
            try (SseClient sixth = open(org, stuckUser)) {
                assertThat(sixth.status()).as("the stuck stream holds a slot").isEqualTo(429);
            }
            sameOrg.next("dashboard", WAIT);
            otherOrgClient.next("dashboard", WAIT);
            Gap sameOrgGap = new Gap(sameOrg::comments);
            Gap otherOrgGap = new Gap(otherOrgClient::comments);
            pulse.scheduleAtFixedRate(() -> {
                sameOrgGap.check();
                otherOrgGap.check();
            }, 100, 100, TimeUnit.MILLISECONDS);

            AtomicBoolean flooding = new AtomicBoolean(true);
            AtomicInteger renames = new AtomicInteger();
            AtomicInteger names = new AtomicInteger();
            List<Future<?>> floods = new ArrayList<>();
            for (int i = 0; i < RENAMERS; i++) {
                floods.add(renamers.submit(() -> {
                    while (flooding.get()) {
                        ApiClient.Response renamed = api.patch(org, stuckUser.accessToken(),
                                Map.of("name", "Stalled " + names.incrementAndGet() + " " + "x".repeat(80)));
                        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
                        renames.incrementAndGet();
                    }
                    return null;
                }));
            }
            try {
                await("the stuck client's slot free").atMost(DROPPED_WITHIN).pollInterval(Duration.ofMillis(500))
                        .failFast("a rename failed", () -> floods.stream().anyMatch(Future::isDone))
                        .until(() -> {
                            try (SseClient another = open(org, stuckUser)) {
                                return another.status() == 200;
                            }
                        });
            } finally {
                flooding.set(false);
                // A rename that failed is why, if the wait above failed fast.
                for (Future<?> flood : floods) {
                    flood.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                }
            }
            pulse.shutdown();
            assertThat(pulse.awaitTermination(5, TimeUnit.SECONDS)).isTrue();

            // Dropped for its blocked write, by the send timeout: not when Tomcat's own write timeout (a minute) ends it.
            assertThat(output.getOut()).contains("Live stream of " + org.substring("/api/orgs/".length()) + " for user "
                    + stuckUser.id() + " dropped: a write to it waited longer than PT2S");
            assertThat(droppedForBlocking()).as("tenantry.live.streams.dropped{reason=blocked}")
                    .isGreaterThan(droppedBefore);
            assertThat(sameOrgGap.longest()).as("longest heartbeat gap in the same organization")
                    .isLessThan(LONGEST_HEARTBEAT_GAP);
            assertThat(otherOrgGap.longest()).as("longest heartbeat gap in another organization")
                    .isLessThan(LONGEST_HEARTBEAT_GAP);
            // Every rename reached the client that reads, in order, while the other was stuck.
            long previous = -1;
            for (int i = 0; i < renames.get(); i++) {
                long id = Long.parseLong(sameOrg.next("activity", WAIT).id());
                assertThat(previous < 0 || id == previous + 1).as("activity %d after %d", id, previous).isTrue();
                previous = id;
            }
            assertThat(api.patch(otherOrg, otherOwner.accessToken(), Map.of("name", "Elsewhere Ltd")).status())
                    .isEqualTo(200);
            assertThat(otherOrgClient.next("activity", WAIT).json().path("summary").asText())
                    .contains("Elsewhere Ltd");
        } finally {
            renamers.shutdownNow();
            pulse.shutdownNow();
            clients.forEach(SseClient::close);
        }
    }

    private SseClient open(String org, User user) {
        return SseClient.open(port, org + "/stream", Map.of("Authorization", "Bearer " + user.accessToken()));
    }

    /**
     * Opens the stream on a socket with a small receive buffer, reads only as far as the status line, and leaves the
     * rest unread: the server's writes to it pile up in the buffers until they are full.
     */
    private Socket openWithoutReading(String path, User user) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", port), 5_000);
        socket.setSoTimeout(15_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + "Authorization: Bearer " + user.accessToken() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        byte[] statusLine = new byte["HTTP/1.1 200".length()];
        int read = 0;
        while (read < statusLine.length) {
            int n = in.read(statusLine, read, statusLine.length - read);
            if (n < 0) {
                break;
            }
            read += n;
        }
        assertThat(new String(statusLine, 0, read, StandardCharsets.US_ASCII)).isEqualTo("HTTP/1.1 200");
        return socket;
    }

    /** The longest time one client went without a heartbeat, sampled every tenth of a second. */
    private static final class Gap {

        private final IntSupplier heartbeats;
        private int lastCount;
        private long lastChange = System.nanoTime();
        private final AtomicLong longest = new AtomicLong();

        Gap(IntSupplier heartbeats) {
            this.heartbeats = heartbeats;
            this.lastCount = heartbeats.getAsInt();
        }

        void check() {
            long now = System.nanoTime();
            int count = heartbeats.getAsInt();
            if (count != lastCount) {
                lastCount = count;
                lastChange = now;
            }
            longest.accumulateAndGet(now - lastChange, Math::max);
        }

        Duration longest() {
            return Duration.ofNanos(longest.get());
        }
    }

    private double droppedForBlocking() {
        Counter counter = meters.find(LiveStreams.DROPPED_METER).tag("reason", TenantStream.BLOCKED).counter();
        return counter == null ? 0 : counter.count();
    }
}
