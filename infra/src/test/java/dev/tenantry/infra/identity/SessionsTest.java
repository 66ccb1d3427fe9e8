package dev.tenantry.infra.identity;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.SseClient;
import dev.tenantry.testsupport.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An access token ends with its sign-in, not only when it expires: signing out everywhere, a password reset and a
 * logout end it within about a second (the check's recheck interval), on every node.
 */
@IntegrationTest
class SessionsTest {

    private static final Duration WITHIN = Duration.ofSeconds(3);

    @LocalServerPort
    int port;

    private ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void signingOutEverywhereEndsEveryAccessTokenOfTheAccount() {
        User user = api.register("Elsa Everywhere");
        Response laptop = login(user);
        String other = api.register("Otto Unaffected").accessToken();
        assertThat(api.get("/api/me", laptop.text("accessToken")).status()).isEqualTo(200);

        assertThat(api.post("/api/auth/logout-all", user.accessToken(), null).status()).isEqualTo(204);

        awaitEnded(user.accessToken());
        awaitEnded(laptop.text("accessToken"));
        assertThat(api.post("/api/auth/refresh", null, Map.of("refreshToken", laptop.text("refreshToken"))).status())
                .isEqualTo(401);
        assertThat(api.get("/api/me", other).status()).as("another account's sign-in").isEqualTo(200);
        assertThat(api.get("/api/me", login(user).text("accessToken")).status()).as("a new sign-in").isEqualTo(200);
    }

    @Test
    void aPasswordResetEndsTheOpenStreamAndTheAccessTokensSignedInWithTheOldPassword() {
        User user = api.register("Pia Reset");
        String org = "/api/orgs/" + api.createOrganization(user, "Reset Inc");
        try (SseClient stream = SseClient.open(port, org + "/stream",
                Map.of("Authorization", "Bearer " + user.accessToken()))) {
            assertThat(stream.status()).isEqualTo(200);
            api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
            String token = TestMail.awaitMessagesTo(user.email(), "Reset your Tenantry password", 1).get(0).token();

            assertThat(api.post("/api/auth/password-reset/confirm", null,
                    Map.of("token", token, "password", "another horse battery")).status()).isEqualTo(204);

            assertThat(stream.next("revoked", WITHIN).data()).contains("sign-in has ended");
            awaitEnded(user.accessToken());
        }
    }

    @Test
    void aLogoutEndsThatSignInOnly() {
        User user = api.register("Lou Logout");
        Response phone = login(user);

        assertThat(api.post("/api/auth/logout", phone.text("accessToken"),
                Map.of("refreshToken", phone.text("refreshToken"))).status()).isEqualTo(204);

        awaitEnded(phone.text("accessToken"));
        assertThat(api.get("/api/me", user.accessToken()).status()).as("the other sign-in").isEqualTo(200);
    }

    @Test
    void theLiveStreamsOfAnEndedSignInAreRevoked() {
        User user = api.register("Stella Stream");
        String org = "/api/orgs/" + api.createOrganization(user, "Streaming Inc");
        String ticket = api.post(org + "/stream-ticket", user.accessToken(), null).text("ticket");
        try (SseClient withToken = SseClient.open(port, org + "/stream",
                Map.of("Authorization", "Bearer " + user.accessToken()));
             SseClient withTicket = SseClient.open(port, org + "/stream?ticket=" + ticket, Map.of())) {
            assertThat(withToken.status()).isEqualTo(200);
            assertThat(withTicket.status()).isEqualTo(200);

            api.post("/api/auth/logout-all", user.accessToken(), null);

            assertThat(withToken.next("revoked", WITHIN).data()).contains("sign-in has ended");
            assertThat(withTicket.next("revoked", WITHIN).data()).contains("sign-in has ended");
        }
    }

    private Response login(User user) {
        Response login = api.post("/api/auth/login", null, Map.of("email", user.email(), "password", ApiClient.PASSWORD));
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login;
    }

    private void awaitEnded(String accessToken) {
        await().atMost(WITHIN).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            Response me = api.get("/api/me", accessToken);
            assertThat(me.status()).as(me.toString()).isEqualTo(401);
            assertThat(me.text("code")).isEqualTo("session-ended");
        });
    }
}
