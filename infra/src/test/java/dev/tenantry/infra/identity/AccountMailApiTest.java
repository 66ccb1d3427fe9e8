package dev.tenantry.infra.identity;

import dev.tenantry.command.SecretTokens;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Email verification and password reset over HTTP, with the mails read from the test SMTP server. */
@IntegrationTest
class AccountMailApiTest {

    private static final String VERIFY_SUBJECT = "Confirm your email address for Tenantry";
    private static final String RESET_SUBJECT = "Reset your Tenantry password";
    private static final String NEW_PASSWORD = "a whole new passphrase";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    // ---------------------------------------------------------------- email verification

    @Test
    void registrationMailsAVerificationLinkWhoseTokenVerifiesTheEmailOnce() {
        User user = api.register("Vera Verify");
        assertThat(api.get("/api/me", user.accessToken()).body().path("emailVerified").asBoolean(true)).isFalse();

        TestMail.Mail mail = awaitMail(user.email(), VERIFY_SUBJECT);
        assertThat(mail.body()).contains("Vera Verify", user.email());
        assertThat(mail.link()).matches("http://localhost:8080/verify-email\\?token=[A-Za-z0-9_-]{43}");

        Response verified = api.post("/api/auth/verify-email", null, Map.of("token", mail.token()));
        assertThat(verified.status()).as(verified.toString()).isEqualTo(204);
        Response me = api.get("/api/me", user.accessToken());
        assertThat(me.body().path("emailVerified").isBoolean()).isTrue();
        assertThat(me.body().path("emailVerified").asBoolean()).isTrue();

        Response again = api.post("/api/auth/verify-email", null, Map.of("token", mail.token()));
        assertProblem(again, 400, "verification-token-invalid");
        assertThat(again.text("field")).isEqualTo("token");
    }

    @Test
    void aSignedInUserCanAskForAFreshVerificationLinkUntilVerified() {
        User user = api.register("Rene Resend");
        String first = awaitMail(user.email(), VERIFY_SUBJECT).token();

        Response resent = api.post("/api/auth/verify-email/resend", user.accessToken(), null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(202);
        String second = TestMail.awaitMessagesTo(user.email(), VERIFY_SUBJECT, 2).get(1).token();
        assertThat(second).isNotEqualTo(first);

        assertProblem(api.post("/api/auth/verify-email", null, Map.of("token", first)), 400,
                "verification-token-invalid");
        assertThat(api.post("/api/auth/verify-email", null, Map.of("token", second)).status()).isEqualTo(204);
        assertProblem(api.post("/api/auth/verify-email/resend", user.accessToken(), null), 409,
                "email-already-verified");
        assertProblem(api.post("/api/auth/verify-email/resend", null, null), 401, "authentication-required");
    }

    @Test
    void aRegistrationThatFailsWritesNoMail() {
        User user = api.register("Una Unique");
        awaitMail(user.email(), VERIFY_SUBJECT);

        Response taken = api.post("/api/auth/register", null,
                Map.of("email", user.email(), "password", ApiClient.PASSWORD, "displayName", "Una Again"));

        assertProblem(taken, 409, "email-taken");
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where recipient = ?", Integer.class,
                user.email())).isEqualTo(1);
    }

    @Test
    void aWrongOrExpiredVerificationTokenIsRefusedAndVerifiesNothing() {
        User user = api.register("Ezra Expired");
        String token = awaitMail(user.email(), VERIFY_SUBJECT).token();

        assertProblem(api.post("/api/auth/verify-email", null, Map.of("token", token + "x")), 400,
                "verification-token-invalid");
        expire(token);
        assertProblem(api.post("/api/auth/verify-email", null, Map.of("token", token)), 400,
                "verification-token-expired");
        assertThat(api.get("/api/me", user.accessToken()).body().path("emailVerified").asBoolean(true)).isFalse();
        assertProblem(api.post("/api/auth/verify-email", null, Map.of()), 400, "validation-failed");
    }

    // ---------------------------------------------------------------- password reset

    @Test
    void aResetForAnUnknownEmailIsAcceptedAlikeAndMailsNothing() {
        String unknown = ApiClient.uniqueEmail("nobody");

        Response response = api.post("/api/auth/password-reset", null, Map.of("email", unknown));

        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        assertThat(response.raw().body()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from mail_outbox where recipient = ?", Integer.class,
                unknown)).isZero();
        assertThat(TestMail.messagesTo(unknown)).isEmpty();
    }

    @Test
    void theResetLinkSetsANewPasswordOnceAndSignsOutEverySession() {
        User user = api.register("Rory Reset");
        Response otherLogin = login(user.email(), ApiClient.PASSWORD);
        assertThat(otherLogin.status()).isEqualTo(200);

        Response requested = api.post("/api/auth/password-reset", null,
                Map.of("email", " " + user.email().toUpperCase() + " "));
        assertThat(requested.status()).as(requested.toString()).isEqualTo(202);
        TestMail.Mail mail = awaitMail(user.email(), RESET_SUBJECT);
        assertThat(mail.body()).contains("Rory Reset", user.email());
        assertThat(mail.link()).matches("http://localhost:8080/reset-password\\?token=[A-Za-z0-9_-]{43}");

        Response confirmed = api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", mail.token(), "password", NEW_PASSWORD));
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(204);

        assertThat(login(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
        assertProblem(login(user.email(), ApiClient.PASSWORD), 401, "invalid-credentials");
        assertProblem(api.post("/api/auth/refresh", null, Map.of("refreshToken", user.refreshToken())), 401,
                "invalid-refresh-token");
        assertProblem(api.post("/api/auth/refresh", null, Map.of("refreshToken", otherLogin.text("refreshToken"))),
                401, "invalid-refresh-token");
        assertProblem(api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", mail.token(), "password", "yet another passphrase")), 400, "reset-token-invalid");
        assertThat(login(user.email(), NEW_PASSWORD).status()).isEqualTo(200);
        // The link reached the mailbox: that verifies the address as well.
        Response me = api.get("/api/me", login(user.email(), NEW_PASSWORD).text("accessToken"));
        assertThat(me.body().path("emailVerified").asBoolean()).isTrue();
    }

    @Test
    void anExpiredResetTokenIsRefusedAndThePasswordStays() {
        User user = api.register("Exa Expiry");
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
        String token = awaitMail(user.email(), RESET_SUBJECT).token();
        expire(token);

        Response response = api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", token, "password", NEW_PASSWORD));

        assertProblem(response, 400, "reset-token-expired");
        assertThat(response.text("field")).isEqualTo("token");
        assertThat(login(user.email(), ApiClient.PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void aNewPasswordMustFollowTheRegistrationRulesAndARefusedOneLeavesTheTokenUsable() {
        User user = api.register("Wes Weak");
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
        String token = awaitMail(user.email(), RESET_SUBJECT).token();

        Response tooShort = api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", token, "password", "short"));
        assertProblem(tooShort, 400, "validation-failed");
        assertThat(tooShort.text("field")).isEqualTo("password");
        Response tooLong = api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", token, "password", "ü".repeat(37)));
        assertProblem(tooLong, 400, "validation-failed");
        assertThat(tooLong.text("detail")).contains("72 bytes");

        assertThat(api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", token, "password", NEW_PASSWORD)).status()).isEqualTo(204);
    }

    @Test
    void askingForAnotherResetMakesTheEarlierLinkUseless() {
        User user = api.register("Olga Older");
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
        String first = awaitMail(user.email(), RESET_SUBJECT).token();
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
        List<TestMail.Mail> mails = TestMail.awaitMessagesTo(user.email(), RESET_SUBJECT, 2);
        String second = mails.get(1).token();
        assertThat(second).isNotEqualTo(first);

        assertProblem(api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", first, "password", NEW_PASSWORD)), 400, "reset-token-invalid");
        assertThat(api.post("/api/auth/password-reset/confirm", null,
                Map.of("token", second, "password", NEW_PASSWORD)).status()).isEqualTo(204);
    }

    @Test
    void noAccountTokenIsStoredInClear() {
        User user = api.register("Cleo Clear");
        api.post("/api/auth/password-reset", null, Map.of("email", user.email()));
        String verification = awaitMail(user.email(), VERIFY_SUBJECT).token();
        String reset = awaitMail(user.email(), RESET_SUBJECT).token();

        List<Map<String, Object>> rows = jdbc.queryForList(
                "select token_hash from account_token where user_id = ? order by created_at", user.id());
        assertThat(rows).extracting(row -> row.get("token_hash"))
                .containsExactly(SecretTokens.hash(verification), SecretTokens.hash(reset));
        assertThat(jdbc.queryForObject("""
                select count(*) from mail_outbox
                where recipient = ? and (strpos(body, ?) > 0 or strpos(body, ?) > 0
                                         or strpos(subject, ?) > 0 or strpos(subject, ?) > 0)""",
                Integer.class, user.email(), verification, reset, verification, reset)).isZero();
    }

    // ---------------------------------------------------------------- helpers

    private Response login(String email, String password) {
        return api.post("/api/auth/login", null, Map.of("email", email, "password", password));
    }

    private void expire(String token) {
        int updated = jdbc.update("update account_token set expires_at = ? where token_hash = ?",
                OffsetDateTime.ofInstant(Instant.now().minus(Duration.ofMinutes(1)), ZoneOffset.UTC),
                SecretTokens.hash(token));
        assertThat(updated).isEqualTo(1);
    }

    private static TestMail.Mail awaitMail(String address, String subject) {
        return TestMail.awaitMessagesTo(address, subject, 1).get(0);
    }

    private static void assertProblem(Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.text("code")).isEqualTo(code);
    }
}
