package dev.tenantry.infra.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.command.SecretTokens;
import dev.tenantry.command.identity.Accounts;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.TestMail;
import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration, login, token refresh and logout over real HTTP, checked against the database. Every email is
 * unique per test run (the shared database may outlive one run), except the configured platform admin's.
 */
@IntegrationTest
class AuthApiTest {

    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_TYPE_BASE = "https://tenantry.dev/problems/";
    /** Listed in tenantry.platform-admins by src/test/resources/config/application.properties. */
    private static final String PLATFORM_ADMIN_EMAIL = "platform-admin@tenantry.test";
    private static final String VERIFY_SUBJECT = "Confirm your email address for Tenantry";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    // ---------------------------------------------------------------- registration

    @Test
    void registerAnswers201WithTokensAndTheUserWithTheEmailTrimmedAndLowercased() {
        String suffix = uniqueSuffix();
        Response response = register(" Mixed." + suffix + "@Example.COM ", ApiClient.PASSWORD, "  Mia Mixed  ");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode body = response.body();
        assertThat(body.path("accessToken").asText()).isNotBlank();
        assertThat(body.path("refreshToken").asText()).isNotBlank();
        assertThat(body.path("tokenType").asText()).isEqualTo("Bearer");
        assertThat(body.path("expiresIn").isIntegralNumber()).isTrue();
        assertThat(body.path("expiresIn").asLong()).isEqualTo(900);
        String id = body.path("user").path("id").asText();
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        String normalised = "mixed." + suffix + "@example.com";
        assertThat(body.path("user").path("email").asText()).isEqualTo(normalised);
        assertThat(body.path("user").path("displayName").asText()).isEqualTo("Mia Mixed");

        Map<String, Object> row = jdbc.queryForMap("select email, display_name from user_account where id = ?", id);
        assertThat(row).containsEntry("email", normalised).containsEntry("display_name", "Mia Mixed");
    }

    @Test
    void registerStoresOnlyABcryptHashAndNeverTheClearPassword() {
        String email = uniqueEmail("hash");
        String password = "clear-text-" + UUID.randomUUID();
        Response response = register(email, password, "Hash Holder");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String id = response.body().path("user").path("id").asText();

        String hash = jdbc.queryForObject("select password_hash from user_account where id = ?", String.class, id);
        assertThat(hash).startsWith("$2").doesNotContain(password);
        assertThat(new BCryptPasswordEncoder().matches(password, hash)).isTrue();

        // The event store holds the registration (the scan finds the email) but not the password.
        assertThat(eventStoreRowsContaining(email)).isPositive();
        assertThat(eventStoreRowsContaining(password)).isZero();
    }

    @Test
    void registerStoresAUserRegisteredEventWithTheActorAndTheRequestsCorrelationId() throws IOException {
        String email = uniqueEmail("event");
        Response response = register(email, ApiClient.PASSWORD, "Eve Event");
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        String id = response.body().path("user").path("id").asText();

        List<Map<String, Object>> events = jdbc.queryForList("""
                select convert_from(payload, 'UTF8') as payload, convert_from(meta_data, 'UTF8') as meta_data,
                       payload_revision
                from domain_event_entry
                where payload_type = 'dev.tenantry.api.identity.UserRegisteredEvent'
                  and strpos(convert_from(payload, 'UTF8'), ?) > 0""", id);
        assertThat(events).hasSize(1);
        Map<String, Object> event = events.get(0);
        assertThat(event.get("payload_revision")).isEqualTo("1");

        JsonNode payload = JSON.readTree((String) event.get("payload"));
        assertThat(payload.path("userId").asText()).isEqualTo(id);
        assertThat(payload.path("email").asText()).isEqualTo(email);
        assertThat(payload.path("displayName").asText()).isEqualTo("Eve Event");

        JsonNode metaData = JSON.readTree((String) event.get("meta_data"));
        assertThat(metaData.path("actorId").asText()).as(metaData.toString()).isEqualTo(id);
        assertThat(response.header("X-Correlation-Id")).isNotBlank();
        assertThat(metaData.path("correlationId").asText()).isEqualTo(response.header("X-Correlation-Id"));
    }

    @Test
    void registeringATakenEmailInAnotherCaseIsAConflictAndCreatesNoSecondAccount() {
        String email = uniqueEmail("taken");
        assertThat(register(email, ApiClient.PASSWORD, "First").status()).isEqualTo(201);

        Response again = register("  " + email.toUpperCase() + " ", "another password 123", "Second");

        assertProblem(again, 409, "email-taken");
        assertThat(userRows(email)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select display_name from user_account where email = ?", String.class, email))
                .isEqualTo("First");
    }

    @Test
    void concurrentRegistrationsOfOneEmailCreateExactlyOneAccount() throws Exception {
        String email = uniqueEmail("race");
        int clients = 10;
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                String displayName = "Racer " + i;
                futures.add(pool.submit(() -> {
                    start.await();
                    return register(email, ApiClient.PASSWORD, displayName);
                }));
            }
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }

            assertThat(responses).filteredOn(response -> response.status() == 201).hasSize(1);
            List<Response> refused = responses.stream().filter(response -> response.status() != 201).toList();
            assertThat(refused).hasSize(clients - 1);
            refused.forEach(response -> assertProblem(response, 409, "email-taken"));
            assertThat(userRows(email)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void passwordShorterThanTwelveCharactersIsRejectedNamingPassword() {
        String email = uniqueEmail("short");
        Response response = register(email, "elevenchars", "Shorty");

        assertValidationProblem(response, "password");
        assertThat(userRows(email)).isZero();
    }

    @Test
    void passwordOfExactlyTwelveCharactersIsAccepted() {
        String email = uniqueEmail("twelve");
        Response response = register(email, "twelve-chars", "Twelve");

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(userRows(email)).isEqualTo(1);
    }

    @Test
    void passwordLongerThanBcryptsSeventyTwoBytesIsRejectedNamingPassword() {
        String email = uniqueEmail("long");
        // 36 two-byte characters: 72 bytes are fine, one more is not (bcrypt would silently ignore it).
        String seventyTwoBytes = "é".repeat(36);
        assertThat(register(email, seventyTwoBytes, "Long").status()).isEqualTo(201);

        String otherEmail = uniqueEmail("toolong");
        Response response = register(otherEmail, seventyTwoBytes + "x", "Too Long");

        assertValidationProblem(response, "password");
        assertThat(userRows(otherEmail)).isZero();
    }

    @Test
    void missingDisplayNameIsRejectedNamingDisplayName() {
        String email = uniqueEmail("noname");
        Response response = api.post("/api/auth/register", null,
                Map.of("email", email, "password", ApiClient.PASSWORD));

        assertValidationProblem(response, "displayName");
        assertThat(userRows(email)).isZero();
    }

    @Test
    void invalidEmailIsRejectedNamingEmail() {
        String email = "not-an-email-" + uniqueSuffix();
        Response response = register(email, ApiClient.PASSWORD, "No Email");

        assertValidationProblem(response, "email");
        assertThat(userRows(email)).isZero();
    }

    @Test
    void malformedJsonIsRejectedAsMalformedJson() {
        String email = uniqueEmail("malformed");
        Response response = api.sendRaw("POST", "/api/auth/register", null,
                "{\"email\": \"" + email + "\", \"password\": \"" + ApiClient.PASSWORD + "\", \"displayName\": ");

        assertProblem(response, 400, "malformed-json");
        assertThat(userRows(email)).isZero();
    }

    // ---------------------------------------------------------------- login

    @Test
    void loginWithTheRightPasswordAndTheEmailInAnotherCaseAnswersTokens() {
        User user = api.register("Lou Login");

        Response response = login("  " + user.email().toUpperCase() + "  ", ApiClient.PASSWORD);

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.text("tokenType")).isEqualTo("Bearer");
        assertThat(response.body().path("expiresIn").asLong()).isEqualTo(900);
        assertThat(response.text("refreshToken")).isNotBlank().isNotEqualTo(user.refreshToken());
        assertThat(response.body().path("user").path("id").asText()).isEqualTo(user.id());
        assertThat(response.body().path("user").path("email").asText()).isEqualTo(user.email());
        Response me = api.get("/api/me", response.text("accessToken"));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(user.id());
    }

    @Test
    void wrongPasswordAndUnknownEmailAreRefusedAlikeAsInvalidCredentials() {
        User user = api.register("Wanda Wrong");

        Response wrongPassword = login(user.email(), ApiClient.PASSWORD + "!");
        Response unknownEmail = login(uniqueEmail("nobody"), ApiClient.PASSWORD);

        assertProblem(wrongPassword, 401, "invalid-credentials");
        assertProblem(unknownEmail, 401, "invalid-credentials");
        assertThat(wrongPassword.text("detail")).isNotBlank().isEqualTo(unknownEmail.text("detail"));
        // Nothing in the answer tells a known email from an unknown one.
        assertThat(wrongPassword.body()).isEqualTo(unknownEmail.body());
    }

    // ---------------------------------------------------------------- access tokens and /api/me

    @Test
    void accessTokenOpensApiMe() {
        String email = uniqueEmail("me");
        Response registered = register(email, ApiClient.PASSWORD, "Mel Me");
        assertThat(registered.status()).isEqualTo(201);

        Response me = api.get("/api/me", registered.text("accessToken"));

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(registered.body().path("user").path("id").asText());
        assertThat(me.text("email")).isEqualTo(email);
        assertThat(me.text("displayName")).isEqualTo("Mel Me");
        assertThat(me.body().path("platformAdmin").isBoolean()).isTrue();
        assertThat(me.body().path("platformAdmin").asBoolean()).isFalse();
        assertThat(me.body().path("organizations").isArray()).isTrue();
        assertThat(me.body().path("organizations")).isEmpty();
    }

    @Test
    void apiMeWithoutATokenAsksForAuthentication() {
        Response response = api.get("/api/me", null);

        assertProblem(response, 401, "authentication-required");
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer");
    }

    @Test
    void garbageTokenIsAnInvalidToken() {
        assertProblem(api.get("/api/me", "not-a-jwt"), 401, "invalid-token");
    }

    @Test
    void tokenSignedWithAnotherKeyIsAnInvalidToken() {
        User user = api.register("Kim Key");
        String forged = Jwts.builder()
                .issuer("tenantry").subject(user.id()).claim("email", user.email())
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .signWith(Jwts.SIG.HS256.key().build(), Jwts.SIG.HS256)
                .compact();

        assertProblem(api.get("/api/me", forged), 401, "invalid-token");
    }

    @Test
    void unsignedTokenIsAnInvalidToken() {
        User user = api.register("Una Unsigned");
        String unsigned = Jwts.builder()
                .issuer("tenantry").subject(user.id()).claim("email", user.email())
                .issuedAt(new Date()).expiration(Date.from(Instant.now().plus(Duration.ofMinutes(10))))
                .compact();

        assertProblem(api.get("/api/me", unsigned), 401, "invalid-token");
    }

    @Test
    void expiredTokenIsAnInvalidToken() {
        User user = api.register("Ed Expired");
        Instant now = Instant.now();
        String expired = mint(user, builder -> builder
                .issuedAt(Date.from(now.minus(Duration.ofMinutes(20))))
                .expiration(Date.from(now.minus(Duration.ofMinutes(5)))));

        assertProblem(api.get("/api/me", expired), 401, "invalid-token");
    }

    @Test
    void tokenFromAnotherIssuerIsAnInvalidToken() {
        User user = api.register("Ivo Issuer");

        assertProblem(api.get("/api/me", mint(user, builder -> builder.issuer("someone-else"))), 401,
                "invalid-token");
        assertProblem(api.get("/api/me", mint(user, builder -> builder.issuer(null))), 401, "invalid-token");
    }

    @Test
    void tokenMintedWithTheConfiguredSecretIsAccepted() {
        User user = api.register("Tom Token");

        Response me = api.get("/api/me", mint(user, UnaryOperator.identity()));

        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(user.id());
        assertThat(me.text("email")).isEqualTo(user.email());
    }

    @Test
    void validlySignedTokenOfAnAccountThatDoesNotExistIsAnInvalidToken() {
        User ghost = new User(UUID.randomUUID().toString(), uniqueEmail("ghost"), null, null);

        assertProblem(api.get("/api/me", mint(ghost, UnaryOperator.identity())), 401, "invalid-token");
    }

    // ---------------------------------------------------------------- refresh

    @Test
    void refreshRotatesTheRefreshTokenAndAnswersAWorkingAccessToken() {
        User user = api.register("Rita Rotate");

        Response refreshed = refresh(user.refreshToken());

        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String r2 = refreshed.text("refreshToken");
        assertThat(r2).isNotBlank().isNotEqualTo(user.refreshToken());
        assertThat(refreshed.text("tokenType")).isEqualTo("Bearer");
        assertThat(refreshed.body().path("user").path("id").asText()).isEqualTo(user.id());
        Response me = api.get("/api/me", refreshed.text("accessToken"));
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.text("id")).isEqualTo(user.id());

        Map<String, Object> r1Row = tokenRow(user.refreshToken());
        Map<String, Object> r2Row = tokenRow(r2);
        assertThat(r1Row.get("used_at")).isNotNull();
        assertThat(r2Row.get("used_at")).isNull();
        assertThat(r2Row.get("family_id")).isEqualTo(r1Row.get("family_id"));
        // Only hashes are stored.
        assertThat(jdbc.queryForObject("select count(*) from refresh_token where token_hash in (?, ?)",
                Integer.class, user.refreshToken(), r2)).isZero();
    }

    @Test
    void reusingARotatedRefreshTokenRevokesItsWholeFamily() {
        User user = api.register("Rex Reuse");
        Response refreshed = refresh(user.refreshToken());
        assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
        String r2 = refreshed.text("refreshToken");

        assertProblem(refresh(user.refreshToken()), 401, "refresh-token-reused");

        assertProblem(refresh(r2), 401, "invalid-refresh-token");
        String family = (String) tokenRow(r2).get("family_id");
        assertThat(jdbc.queryForObject(
                "select count(*) from refresh_token where family_id = ? and revoked_at is null", Integer.class,
                family)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from refresh_token where family_id = ?", Integer.class,
                family)).isEqualTo(2);
    }

    @Test
    void unknownRefreshTokenIsInvalid() {
        assertProblem(refresh("no-such-token-" + UUID.randomUUID()), 401, "invalid-refresh-token");
    }

    @Test
    void reuseInOneLoginDoesNotRevokeAnotherLoginOfTheSameUser() {
        User user = api.register("Fay Family");
        Response loginA = login(user.email(), ApiClient.PASSWORD);
        Response loginB = login(user.email(), ApiClient.PASSWORD);
        assertThat(loginA.status()).isEqualTo(200);
        assertThat(loginB.status()).isEqualTo(200);
        String a1 = loginA.text("refreshToken");
        String b1 = loginB.text("refreshToken");
        assertThat(tokenRow(a1).get("family_id")).isNotEqualTo(tokenRow(b1).get("family_id"));

        Response a2 = refresh(a1);
        assertThat(a2.status()).as(a2.toString()).isEqualTo(200);
        assertProblem(refresh(a1), 401, "refresh-token-reused");
        assertProblem(refresh(a2.text("refreshToken")), 401, "invalid-refresh-token");

        Response b2 = refresh(b1);
        assertThat(b2.status()).as(b2.toString()).isEqualTo(200);
        assertThat(api.get("/api/me", b2.text("accessToken")).status()).isEqualTo(200);
        // The registration's own login is a third family, untouched as well.
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- logout

    @Test
    void logoutRevokesTheLoginSoItsRefreshTokensStopWorking() {
        User user = api.register("Leo Logout");
        Response login = login(user.email(), ApiClient.PASSWORD);
        Response rotated = refresh(login.text("refreshToken"));
        assertThat(rotated.status()).as(rotated.toString()).isEqualTo(200);
        String current = rotated.text("refreshToken");

        Response logout = api.post("/api/auth/logout", rotated.text("accessToken"), Map.of("refreshToken", current));

        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertThat(logout.raw().body()).isEmpty();
        assertProblem(refresh(current), 401, "invalid-refresh-token");
        String family = (String) tokenRow(current).get("family_id");
        assertThat(jdbc.queryForObject(
                "select count(*) from refresh_token where family_id = ? and revoked_at is null", Integer.class,
                family)).isZero();
        // Only that login: the one made at registration still refreshes.
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutWithoutAnAccessTokenIsRefusedAndRevokesNothing() {
        User user = api.register("Nia Notoken");

        Response logout = api.post("/api/auth/logout", null, Map.of("refreshToken", user.refreshToken()));

        assertProblem(logout, 401, "authentication-required");
        assertThat(refresh(user.refreshToken()).status()).isEqualTo(200);
    }

    @Test
    void logoutWithAnotherUsersRefreshTokenRevokesNothing() {
        User victim = api.register("Vic Victim");
        User other = api.register("Otto Other");

        Response logout = api.post("/api/auth/logout", other.accessToken(),
                Map.of("refreshToken", victim.refreshToken()));

        assertThat(logout.status()).as(logout.toString()).isEqualTo(204);
        assertThat(tokenRow(victim.refreshToken()).get("revoked_at")).isNull();
        assertThat(refresh(victim.refreshToken()).status()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- platform admin

    @Test
    void theConfiguredPlatformAdminIsFlaggedInApiMeAndOthersAreNot() {
        Response admin = registerOrLogin(" Platform-Admin@Tenantry.TEST ");
        User member = api.register("Nora Normal");

        Response adminMe = api.get("/api/me", admin.text("accessToken"));
        assertThat(adminMe.status()).as(adminMe.toString()).isEqualTo(200);
        assertThat(adminMe.text("email")).isEqualTo(PLATFORM_ADMIN_EMAIL);
        assertThat(adminMe.body().path("platformAdmin").asBoolean()).isTrue();

        Response memberMe = api.get("/api/me", member.accessToken());
        assertThat(memberMe.status()).isEqualTo(200);
        assertThat(memberMe.body().path("platformAdmin").isBoolean()).isTrue();
        assertThat(memberMe.body().path("platformAdmin").asBoolean()).isFalse();
    }

    @Test
    void aListedEmailThatIsNotVerifiedGrantsNoAdminRights() {
        Response admin = registerOrLogin(PLATFORM_ADMIN_EMAIL);
        User adminUser = new User(api.get("/api/me", admin.text("accessToken")).text("id"), PLATFORM_ADMIN_EMAIL,
                null, null);
        String unverified = mint(adminUser, builder -> builder.claim("email_verified", false));

        Response me = api.get("/api/me", unverified);
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        assertThat(me.body().path("platformAdmin").asBoolean()).isFalse();
        assertProblem(api.withoutRequestChecks().get("/api/admin/anything", unverified), 403, "forbidden");
    }

    @Test
    void adminPathsAreForbiddenToOthersAndOpenToThePlatformAdmin() {
        String path = "/api/admin/no-such-endpoint-" + uniqueSuffix();
        ApiClient api = this.api.withoutRequestChecks();
        Response admin = registerOrLogin(PLATFORM_ADMIN_EMAIL);
        User member = api.register("Mo Member");

        assertProblem(api.get(path, member.accessToken()), 403, "forbidden");
        assertProblem(api.get(path, null), 401, "authentication-required");

        Response asAdmin = api.get(path, admin.text("accessToken"));
        assertThat(asAdmin.status()).as(asAdmin.toString()).isNotIn(401, 403);
        // No admin endpoints exist yet: past security, the request meets a plain 404.
        assertThat(asAdmin.status()).isEqualTo(404);
        assertThat(asAdmin.contentType()).startsWith(PROBLEM_JSON);
    }

    // ---------------------------------------------------------------- helpers

    private Response register(String email, String password, String displayName) {
        return api.post("/api/auth/register", null,
                Map.of("email", email, "password", password, "displayName", displayName));
    }

    private Response login(String email, String password) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private Response refresh(String refreshToken) {
        return api.post("/api/auth/refresh", null, Map.of("refreshToken", refreshToken));
    }

    /** The admin's email is fixed, so another test (or an earlier run on a kept database) may have taken it. */
    /**
     * The platform admin's account, with its email verified through the mailed link (the admin authority needs it),
     * and a fresh login whose token says so.
     */
    private Response registerOrLogin(String email) {
        Response registered = register(email, ApiClient.PASSWORD, "Platform Admin");
        if (registered.status() == 201) {
            String token = TestMail.awaitMessagesTo(PLATFORM_ADMIN_EMAIL, VERIFY_SUBJECT, 1).get(0).token();
            assertThat(api.post("/api/auth/verify-email", null, Map.of("token", token)).status()).isEqualTo(204);
        } else {
            assertProblem(registered, 409, "email-taken");
        }
        Response login = login(email, ApiClient.PASSWORD);
        assertThat(login.status()).as(login.toString()).isEqualTo(200);
        return login;
    }

    /** A token as the app issues them, signed with the configured secret; {@code adjust} may change any part. */
    private static String mint(User user, UnaryOperator<JwtBuilder> adjust) {
        Instant now = Instant.now();
        JwtBuilder builder = Jwts.builder()
                .id(UUID.randomUUID().toString())
                .issuer("tenantry")
                .subject(user.id())
                .claim("email", user.email())
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plus(Duration.ofMinutes(10))));
        return adjust.apply(builder)
                .signWith(Keys.hmacShaKeyFor(configuredSecret().getBytes(StandardCharsets.UTF_8)), Jwts.SIG.HS256)
                .compact();
    }

    /** Read from the file itself, so that a token it signs proves the file is what configures the app. */
    private static String configuredSecret() {
        try (InputStream in = AuthApiTest.class.getResourceAsStream("/config/application.properties")) {
            assertThat(in).as("config/application.properties on the test classpath").isNotNull();
            Properties properties = new Properties();
            properties.load(in);
            String secret = properties.getProperty("tenantry.jwt.secret");
            assertThat(secret).isNotBlank();
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith(PROBLEM_JSON);
        assertThat(response.text("type")).isEqualTo(PROBLEM_TYPE_BASE + code);
        assertThat(response.text("code")).isEqualTo(code);
        assertThat(response.body().path("status").asInt()).isEqualTo(status);
    }

    private static void assertValidationProblem(Response response, String field) {
        assertProblem(response, 400, "validation-failed");
        assertThat(response.text("field")).isEqualTo(field);
        JsonNode errors = response.body().path("errors");
        assertThat(errors.isArray()).as(response.toString()).isTrue();
        assertThat(errors).extracting(error -> error.path("field").asText()).contains(field);
        assertThat(errors).allSatisfy(error -> assertThat(error.path("message").asText()).isNotBlank());
    }

    private int userRows(String email) {
        return jdbc.queryForObject("select count(*) from user_account where email = ?", Integer.class,
                Accounts.normaliseEmail(email));
    }

    private int eventStoreRowsContaining(String text) {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where strpos(convert_from(payload, 'UTF8'), ?) > 0
                   or strpos(coalesce(convert_from(meta_data, 'UTF8'), ''), ?) > 0""", Integer.class, text, text);
    }

    private Map<String, Object> tokenRow(String refreshToken) {
        return jdbc.queryForMap("select family_id, used_at, revoked_at from refresh_token where token_hash = ?",
                SecretTokens.hash(refreshToken));
    }

    private static String uniqueEmail(String prefix) {
        return prefix + "-" + uniqueSuffix() + "@example.com";
    }

    private static String uniqueSuffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }
}
