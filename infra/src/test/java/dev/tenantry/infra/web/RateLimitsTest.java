package dev.tenantry.infra.web;

import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import dev.tenantry.testsupport.TestMail;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate limits, attacked through real HTTP with the default quotas. Each test comes from client addresses of its
 * own (the tests reach the app through a trusted proxy, see {@link ApiClient#someClientAddress()}). Where a test
 * needs time to pass, it moves the stored instants back instead of waiting: the limits take their time from the
 * database.
 */
@IntegrationTest
class RateLimitsTest {

    private static final String LOCKOUT_SUBJECT = "Sign-in to your Tenantry account was blocked";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    CommandSender commands;

    @Autowired
    MeterRegistry meters;

    private ApiClient api;
    private Team team;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = new Team(api, commands);
    }

    @Test
    void twoHundredRegistrationsFromOneAddressAreCutOffAfterTwentyWhileOtherAddressesStillRegister() {
        String attacker = someAddress();
        long hashesBefore = passwordWork("hash");
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(register(attacker, ApiClient.uniqueEmail("flood" + i)));
        }
        // The 180 refused cost no bcrypt.
        assertThat(passwordWork("hash") - hashesBefore).isEqualTo(20);
        assertThat(meters.get("tenantry.rate.limited").tag("limit", "register").counter().count())
                .isGreaterThanOrEqualTo(180);

        assertThat(answers.subList(0, 20)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(201));
        assertThat(answers.subList(20, 200)).allSatisfy(answer -> assertRateLimited(answer, 20));
        Response refused = answers.get(20);
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 180L);
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("RateLimit-Reset"))).isBetween(3400L, 3600L);
        // A refused registration changed nothing.
        String refusedEmail = ApiClient.uniqueEmail("refused");
        assertThat(register(attacker, refusedEmail).status()).isEqualTo(429);
        assertThat(jdbc.queryForObject("select count(*) from user_account where email = ?", Integer.class,
                refusedEmail)).isZero();

        Response elsewhere = register(someAddress(), ApiClient.uniqueEmail("neighbour"));
        assertThat(elsewhere.status()).isEqualTo(201);
        assertThat(elsewhere.header("RateLimit-Limit")).isEqualTo("20");
        assertThat(elsewhere.header("RateLimit-Remaining")).isEqualTo("19");
    }

    @Test
    void twoHundredFailedSignInsLockTheAccountEvenFromManyAddressesAndMailItsOwner() {
        User victim = api.register("Victim");
        long checksBefore = passwordWork("check");
        List<Response> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            answers.add(login(someAddress(), victim.email(), "wrong password number " + i));
        }
        assertThat(passwordWork("check") - checksBefore).isEqualTo(5);
        assertThat(meters.get("tenantry.rate.limited").tag("limit", "failed-logins").counter().count())
                .isGreaterThanOrEqualTo(195);

        assertThat(answers.subList(0, 5)).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(401));
        assertThat(answers.subList(5, 200)).allSatisfy(answer -> {
            assertThat(answer.status()).isEqualTo(429);
            assertThat(answer.text("code")).isEqualTo("rate-limited");
            assertThat(Long.parseLong(answer.header("Retry-After"))).isBetween(1L, 60L);
        });
        // Locked means locked: the right password is refused too, until the lock-out ends.
        assertThat(login(someAddress(), victim.email(), ApiClient.PASSWORD).status()).isEqualTo(429);
        TestMail.Mail notice = TestMail.awaitMessagesTo(victim.email(), LOCKOUT_SUBJECT, 1).get(0);
        assertThat(notice.body()).contains("1 minute");
        assertThat(notice.link()).contains("/reset-password?token=");
        assertThat(TestMail.messagesTo(victim.email())).filteredOn(mail -> mail.subject().equals(LOCKOUT_SUBJECT))
                .hasSize(1);
    }

    @Test
    void eachFurtherLockOutLastsTwiceAsLongUntilASignInSucceeds() {
        User user = api.register("Forgetful");
        failFiveTimes(user.email());
        assertThat(Long.parseLong(login(someAddress(), user.email(), ApiClient.PASSWORD).header("Retry-After")))
                .isBetween(55L, 60L);

        lockOutEnds(user.email());
        failFiveTimes(user.email());
        assertThat(Long.parseLong(login(someAddress(), user.email(), ApiClient.PASSWORD).header("Retry-After")))
                .isBetween(115L, 120L);
        assertThat(TestMail.awaitMessagesTo(user.email(), LOCKOUT_SUBJECT, 2).get(1).body()).contains("2 minutes");

        lockOutEnds(user.email());
        assertThat(login(someAddress(), user.email(), ApiClient.PASSWORD).status()).isEqualTo(200);
        failFiveTimes(user.email());
        assertThat(Long.parseLong(login(someAddress(), user.email(), ApiClient.PASSWORD).header("Retry-After")))
                .isBetween(55L, 60L);
    }

    @Test
    void aNewPasswordFromTheLockOutMailEndsTheLockOut() {
        User user = api.register("Locked Out");
        failFiveTimes(user.email());
        TestMail.Mail notice = TestMail.awaitMessagesTo(user.email(), LOCKOUT_SUBJECT, 1).get(0);
        String newPassword = "a brand new passphrase";

        assertThat(api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", notice.token(), "password", newPassword)).status()).isEqualTo(204);

        assertThat(login(someAddress(), user.email(), newPassword).status()).isEqualTo(200);
    }

    @Test
    void anEmailWithoutAccountLocksAlikeSoThatTheLockOutTellsNothing() {
        String nobody = ApiClient.uniqueEmail("nobody");
        failFiveTimes(nobody);

        Response locked = login(someAddress(), nobody, ApiClient.PASSWORD);
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.text("code")).isEqualTo("rate-limited");
        assertThat(TestMail.messagesTo(nobody)).isEmpty();
    }

    @Test
    void signInsFromOneAddressAreLimitedWhateverTheAccount() throws Exception {
        String address = someAddress();

        Flood flood = flood(1, i -> login(address, ApiClient.uniqueEmail("spray" + i), "some guess"), 401);

        flood.assertLimitedTo(30);
        assertRateLimited(flood.firstRefusal(), 30);
    }

    @Test
    void anOrganizationsMembersTogetherAreLimitedWhileAnotherOrganizationIsNot() throws Exception {
        User owner = api.register("Busy Owner");
        String busy = api.createOrganization(owner, "Busy Quota Co");
        User member = team.join(busy, owner, Role.ADMIN, "Busy Member");
        User quiet = api.register("Quiet Owner");
        String calm = api.createOrganization(quiet, "Calm Quota Co");

        // Two members, so that neither reaches their own limit of 1,200 before the organization's.
        Flood flood = flood(8, i -> api.get("/api/orgs/" + busy, (i % 2 == 0 ? owner : member).accessToken()), 200);

        flood.assertLimitedTo(1200);
        Response refused = flood.firstRefusal();
        assertRateLimited(refused, 1200);
        assertThat(refused.body().path("detail").asText()).contains("(organization-api:");
        Response neighbour = api.get("/api/orgs/" + calm, quiet.accessToken());
        assertThat(neighbour.status()).isEqualTo(200);
        assertThat(neighbour.header("RateLimit-Limit")).isEqualTo("1200");
    }

    @Test
    void someoneWhoIsNotAMemberCannotUseUpAnOrganizationsQuota() throws Exception {
        User owner = api.register("Guarded Owner");
        String guarded = api.createOrganization(owner, "Guarded Quota Co");
        User stranger = api.register("Stranger");

        inParallel(8, 300, () -> api.get("/api/orgs/" + guarded, stranger.accessToken()).status());

        assertThat(jdbc.queryForList("select bucket_key from rate_limit_bucket where bucket_key = ?", String.class,
                "organization-api:" + guarded)).isEmpty();
        Response own = api.get("/api/orgs/" + guarded, owner.accessToken());
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.header("RateLimit-Remaining")).isEqualTo("1199");
    }

    @Test
    void aUsersApiRequestsAreLimitedAcrossEverythingTheyCall() throws Exception {
        User busy = api.register("Busy User");

        Flood flood = flood(8, i -> api.get(i % 2 == 0 ? "/api/me" : "/api/orgs", busy.accessToken()), 200);

        flood.assertLimitedTo(1200);
        Response refused = flood.firstRefusal();
        assertRateLimited(refused, 1200);
        assertThat(refused.body().path("detail").asText()).contains("(api:");
        assertThat(api.get("/api/me", api.register("Other User").accessToken()).status()).isEqualTo(200);
    }

    @Test
    void anOrganizationSendsAtMostFiftyInvitationsAnHourResendsIncluded() {
        User owner = api.register("Inviting Owner");
        String organization = api.createOrganization(owner, "Inviting Co");
        Response first = api.post("/api/orgs/" + organization + "/invitations", owner.accessToken(),
                Map.of("email", ApiClient.uniqueEmail("invitee"), "role", "ADMIN"));
        assertThat(first.status()).isEqualTo(201);
        String invitationId = first.text("id");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 49; i++) {
            // Past the free plan's seats these are refused (409), but each was asked for and counts.
            statuses.add(api.post("/api/orgs/" + organization + "/invitations", owner.accessToken(),
                    Map.of("email", ApiClient.uniqueEmail("invitee" + i), "role", "ADMIN")).status());
        }

        assertThat(statuses).doesNotContain(429);
        assertRateLimited(api.post("/api/orgs/" + organization + "/invitations/" + invitationId + "/resend",
                owner.accessToken(), Map.of()), 50);
        assertRateLimited(api.post("/api/orgs/" + organization + "/invitations", owner.accessToken(),
                Map.of("email", ApiClient.uniqueEmail("one-more"), "role", "ADMIN")), 50);
        User other = api.register("Other Inviter");
        String otherOrganization = api.createOrganization(other, "Other Inviting Co");
        assertThat(api.post("/api/orgs/" + otherOrganization + "/invitations", other.accessToken(),
                Map.of("email", ApiClient.uniqueEmail("invitee"), "role", "ADMIN")).status()).isEqualTo(201);
    }

    @Test
    void aUserCreatesAtMostTenOrganizationsAnHour() {
        User founder = api.register("Serial Founder");
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            statuses.add(api.post("/api/orgs", founder.accessToken(), Map.of("name", "Venture " + i)).status());
        }

        assertThat(statuses).containsOnly(201);
        Response refused = api.post("/api/orgs", founder.accessToken(), Map.of("name", "Venture eleven"));
        assertRateLimited(refused, 10);
        assertThat(api.get("/api/orgs", founder.accessToken()).body().path("items")).hasSize(10);
    }

    @Test
    void aUserStartsAtMostTwentyCheckoutsAnHour() {
        User shopper = api.register("Shopper");
        String nowhere = "/api/orgs/" + UUID.randomUUID() + "/billing/checkout";
        for (int i = 0; i < 20; i++) {
            assertThat(api.post(nowhere, shopper.accessToken(), Map.of("plan", "pro")).status()).isNotEqualTo(429);
        }

        assertRateLimited(api.post(nowhere, shopper.accessToken(), Map.of("plan", "pro")), 20);
    }

    @Test
    void aQuotaRefillsAsTimePasses() {
        String address = someAddress();
        for (int i = 0; i < 20; i++) {
            register(address, ApiClient.uniqueEmail("refill" + i));
        }
        assertThat(register(address, ApiClient.uniqueEmail("refused")).status()).isEqualTo(429);

        // Three minutes later (an hour's quota of 20 gives one back every three minutes): one more, not two.
        jdbc.update("update rate_limit_bucket set tat = tat - interval '3 minutes' where bucket_key = ?",
                "register:" + address);
        assertThat(register(address, ApiClient.uniqueEmail("refilled")).status()).isEqualTo(201);
        assertThat(register(address, ApiClient.uniqueEmail("refused")).status()).isEqualTo(429);
    }

    @Test
    void refusalsThatNeedNoPasswordCostNoPasswordHashing() {
        User taken = api.register("Taken");
        long hashesBefore = passwordWork("hash");

        assertThat(register(someAddress(), taken.email()).status()).isEqualTo(409);
        assertThat(api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", "no-such-token", "password", "a brand new passphrase")).status()).isEqualTo(400);

        assertThat(passwordWork("hash")).isEqualTo(hashesBefore);
    }

    private long passwordWork(String operation) {
        return meters.get("tenantry.password.hashing").tag("operation", operation).timer().count();
    }

    private void failFiveTimes(String email) {
        for (int i = 0; i < 5; i++) {
            assertThat(login(someAddress(), email, "not the password").status()).isEqualTo(401);
        }
    }

    /** As if the lock-out's time had passed. */
    private void lockOutEnds(String email) {
        jdbc.update("update login_failure set locked_until = now() - interval '1 second' where email = ?", email);
    }

    private static void assertRateLimited(Response answer, int limit) {
        assertThat(answer.status()).as(answer.toString()).isEqualTo(429);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.text("code")).isEqualTo("rate-limited");
        assertThat(answer.text("type")).isEqualTo("https://tenantry.dev/problems/rate-limited");
        assertThat(answer.header("Retry-After")).isNotNull();
        assertThat(answer.header("RateLimit-Limit")).isEqualTo(String.valueOf(limit));
        assertThat(answer.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(answer.header("RateLimit-Reset")).isNotNull();
    }

    private Response register(String address, String email) {
        return api.sendRawWithHeaders("POST", "/api/auth/register", Map.of(ApiClient.FORWARDED_FOR, address),
                json(Map.of("email", email, "password", ApiClient.PASSWORD, "displayName", "Someone")));
    }

    private Response login(String address, String email, String password) {
        return api.sendRawWithHeaders("POST", "/api/auth/login", Map.of(ApiClient.FORWARDED_FOR, address),
                json(Map.of("email", email, "password", password)));
    }

    private static String json(Map<String, String> fields) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(new HashMap<>(fields));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A documentation-range address (198.18.0.0/15) of this test alone. */
    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    private static List<Integer> inParallel(int threads, int requests, Callable<Integer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                answers.add(pool.submit(request));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    /** What the clients got, sending until the first of them was refused, and how long that took. */
    private record Flood(int allowed, Response firstRefusal, Duration took) {

        /**
         * A quota of {@code requests} a period of a minute lets through that many at once, plus what it gave back
         * while the flood lasted: one more every 60/{@code requests} s.
         */
        void assertLimitedTo(int requests) {
            assertThat(firstRefusal).as("a refusal").isNotNull();
            assertThat(allowed).isGreaterThanOrEqualTo(requests)
                    .isLessThanOrEqualTo(requests + (int) (took.toMillis() * requests / 60_000) + 2);
        }
    }

    /** {@code clients} send requests until one is refused; until then each answers {@code allowedStatus}. */
    private static Flood flood(int clients, IntFunction<Response> request, int allowedStatus) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger allowed = new AtomicInteger();
        AtomicReference<Response> firstRefusal = new AtomicReference<>();
        long started = System.nanoTime();
        inParallel(clients, clients, () -> {
            while (firstRefusal.get() == null && sent.get() < 5_000) {
                Response answer = request.apply(sent.getAndIncrement());
                assertThat(answer.status()).as(answer.toString()).isIn(allowedStatus, 429);
                if (answer.status() == 429) {
                    firstRefusal.compareAndSet(null, answer);
                } else {
                    allowed.incrementAndGet();
                }
            }
            return 0;
        });
        return new Flood(allowed.get(), firstRefusal.get(), Duration.ofNanos(System.nanoTime() - started));
    }
}
