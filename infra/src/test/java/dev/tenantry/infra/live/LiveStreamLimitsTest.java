package dev.tenantry.infra.live;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.SseClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One client cannot hold the server's streams: a user gets at most five at once (tenantry.live.max-streams-per-user),
 * and a reconnect replays at most tenantry.live.max-replay entries (5 in the tests) before the client is told to
 * reload instead.
 */
@IntegrationTest
class LiveStreamLimitsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @LocalServerPort
    int port;

    private ApiClient api;
    private User owner;
    private String org;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Lena Limits");
        org = "/api/orgs/" + api.createOrganization(owner, "Limited Inc");
    }

    @Test
    void aUserOpeningFiftyStreamsGetsFiveAndA429ForEachOfTheRest() {
        List<SseClient> streams = new ArrayList<>();
        try {
            int opened = 0;
            int refused = 0;
            for (int i = 0; i < 50; i++) {
                SseClient stream = SseClient.open(port, org + "/stream",
                        Map.of("Authorization", "Bearer " + owner.accessToken()));
                streams.add(stream);
                if (stream.status() == 200) {
                    opened++;
                } else if (stream.status() == 429) {
                    refused++;
                }
            }

            assertThat(opened).isEqualTo(5);
            assertThat(refused).isEqualTo(45);
            ApiClient.Response ticket = api.post(org + "/stream-ticket", owner.accessToken(), null);
            try (SseClient byTicket = SseClient.open(port, ticket.text("streamUrl"), Map.of())) {
                assertThat(byTicket.status()).as("a ticket counts for its user too").isEqualTo(429);
            }
            User colleague = api.register("Carl Colleague");
            try (SseClient other = SseClient.open(port, "/api/orgs/" + api.createOrganization(colleague, "Other Inc")
                    + "/stream", Map.of("Authorization", "Bearer " + colleague.accessToken()))) {
                assertThat(other.status()).as("another user is not affected").isEqualTo(200);
            }
        } finally {
            streams.forEach(SseClient::close);
        }
    }

    @Test
    void aReconnectFromFurtherBackThanTheReplayLimitGetsAResetInsteadOfTheHistory() {
        for (int i = 1; i <= 8; i++) {
            api.patch(org, owner.accessToken(), Map.of("name", "Limited " + i));
        }

        try (SseClient far = SseClient.open(port, org + "/stream",
                Map.of("Authorization", "Bearer " + owner.accessToken(), "Last-Event-ID", "1"))) {
            SseClient.Event reset = far.next(event -> !event.name().equals("dashboard"), WAIT);
            assertThat(reset.name()).isEqualTo("reset");
            assertThat(reset.json().path("missed").asLong()).isGreaterThan(5);
            assertThat(reset.json().path("maxReplay").asLong()).isEqualTo(5);
        }
        long head = api.get(org + "/audit/head", owner.accessToken()).body().path("sequence").asLong();
        try (SseClient near = SseClient.open(port, org + "/stream",
                Map.of("Authorization", "Bearer " + owner.accessToken(), "Last-Event-ID", Long.toString(head - 3)))) {
            assertThat(near.next("activity", WAIT).id()).isEqualTo(Long.toString(head - 2));
        }
    }
}
