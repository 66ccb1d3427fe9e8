package dev.tenantry.infra.invitation;

import dev.tenantry.command.SecretTokens;
import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.DatabaseScan;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import dev.tenantry.testsupport.TestMail;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Invitation mails as the invitee gets them, through the real SMTP path (GreenMail), and what the database keeps of
 * their tokens: nothing in clear.
 */
@IntegrationTest
class InvitationMailTest {

    private static final String INVITED_SUBJECT = "invited you to join";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void invitingMailsTheInviteeOneLinkThatShowsTheInvitationAndMakesThemAMember() {
        User owner = api.register("Olivia Owner");
        String organizationName = "Mailed Co " + UUID.randomUUID().toString().substring(0, 8);
        String orgId = api.createOrganization(owner, organizationName);
        String email = ApiClient.uniqueEmail("invitee");

        Response invited = invite(owner, orgId, email, "ADMIN");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);

        TestMail.Mail mail = TestMail.awaitMessageTo(email);
        assertThat(mail.subject()).isEqualTo("Olivia Owner invited you to join " + organizationName + " on Tenantry");
        assertThat(mail.body()).contains("Olivia Owner", organizationName, "ADMIN");
        assertThat(mail.link()).matches("http://localhost:8080/api/invitations/[A-Za-z0-9_-]{43}");

        String linkPath = URI.create(mail.link()).getPath();
        Response shown = api.get(linkPath, null);
        assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
        assertThat(shown.text("organizationName")).isEqualTo(organizationName);
        assertThat(shown.text("inviterName")).isEqualTo("Olivia Owner");
        assertThat(shown.text("role")).isEqualTo("ADMIN");
        assertThat(Instant.parse(shown.text("expiresAt"))).isEqualTo(Instant.parse(invited.text("expiresAt")));

        User invitee = api.register("Ivan Invitee", email);
        // The invited address is the account's, but nothing proves yet that its owner registered it.
        Response unverified = api.post(linkPath + "/accept", invitee.accessToken(), null);
        assertThat(unverified.status()).as(unverified.toString()).isEqualTo(403);
        assertThat(unverified.text("code")).isEqualTo("email-not-verified");
        assertThat(unverified.text("detail")).contains("/api/auth/verify-email/resend");
        Team.verifyEmail(api, invitee);
        Response accepted = api.post(linkPath + "/accept", invitee.accessToken(), null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        Response members = api.get("/api/orgs/" + orgId + "/members", owner.accessToken());
        assertThat(members.status()).isEqualTo(200);
        JsonNode member = StreamSupport.stream(members.body().path("items").spliterator(), false)
                .filter(item -> item.path("userId").asText().equals(invitee.id()))
                .findFirst().orElseThrow(() -> new AssertionError("not a member: " + members));
        assertThat(member.path("role").asText()).isEqualTo("ADMIN");

        // The registration sent the invitee a verification mail too; of invitations there was exactly one.
        assertThat(invitationMailsTo(email)).hasSize(1);
    }

    @Test
    void resendingMailsAFreshLinkAndTheOldOneStopsWorking() {
        User owner = api.register("Rhea Resender");
        String orgId = api.createOrganization(owner, "Resend Co");
        String email = ApiClient.uniqueEmail("resent");
        Response invited = invite(owner, orgId, email, "MEMBER");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String first = TestMail.awaitMessageTo(email).link();

        Response resent = api.post("/api/orgs/" + orgId + "/invitations/" + invited.text("id") + "/resend",
                owner.accessToken(), null);
        assertThat(resent.status()).as(resent.toString()).isEqualTo(200);

        List<TestMail.Mail> mails = TestMail.awaitMessagesTo(email, 2);
        assertThat(mails).hasSize(2);
        TestMail.Mail second = mails.get(1);
        assertThat(second.subject()).isEqualTo("Rhea Resender invited you to join Resend Co on Tenantry");
        assertThat(second.body()).contains("MEMBER");
        assertThat(second.link()).isNotEqualTo(first);

        Response old = api.get(URI.create(first).getPath(), null);
        assertThat(old.status()).as(old.toString()).isEqualTo(404);
        assertThat(old.text("code")).isEqualTo("invitation-not-found");
        Response fresh = api.get(URI.create(second.link()).getPath(), null);
        assertThat(fresh.status()).as(fresh.toString()).isEqualTo(200);
        assertThat(fresh.text("role")).isEqualTo("MEMBER");
    }

    @Test
    void noTableColumnAndNoStoredEventHoldsAnInvitationTokenInClear() {
        User owner = api.register("Tara Token");
        String orgId = api.createOrganization(owner, "Token Co");
        String email = ApiClient.uniqueEmail("scanned");
        Response invited = invite(owner, orgId, email, "VIEWER");
        assertThat(invited.status()).as(invited.toString()).isEqualTo(201);
        String firstToken = TestMail.awaitMessageTo(email).token();
        api.post("/api/orgs/" + orgId + "/invitations/" + invited.text("id") + "/resend", owner.accessToken(), null);
        String secondToken = TestMail.awaitMessagesTo(email, 2).get(1).token();
        awaitOutboxRowsSent(email, 2);

        String schema = jdbc.queryForObject("select current_schema()", String.class);
        assertThat(DatabaseScan.scannedColumns(jdbc, schema)).contains("domain_event_entry.payload",
                "domain_event_entry.meta_data", "mail_outbox.body", "mail_outbox.token_ciphertext",
                "invitation_view.token_hash");
        assertThat(DatabaseScan.columnsContaining(jdbc, schema, firstToken)).isEmpty();
        assertThat(DatabaseScan.columnsContaining(jdbc, schema, secondToken)).isEmpty();
        // The scan does find what is stored: the token's hash, in the event and in the read model.
        assertThat(DatabaseScan.columnsContaining(jdbc, schema, SecretTokens.hash(secondToken)))
                .contains("domain_event_entry.payload", "invitation_view.token_hash");
        // And once sent, the outbox keeps not even the encrypted token.
        assertThat(jdbc.queryForList("select token_ciphertext from mail_outbox where recipient = ?", byte[].class,
                email)).hasSize(2).containsOnlyNulls();
    }

    private Response invite(User inviter, String orgId, String email, String role) {
        return api.post("/api/orgs/" + orgId + "/invitations", inviter.accessToken(),
                Map.of("email", email, "role", role));
    }

    private static List<TestMail.Mail> invitationMailsTo(String email) {
        return TestMail.messagesTo(email).stream().filter(mail -> mail.subject().contains(INVITED_SUBJECT)).toList();
    }

    /** GreenMail has the mail a moment before the dispatcher records it as SENT. */
    private void awaitOutboxRowsSent(String email, int count) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (true) {
            Integer sent = jdbc.queryForObject(
                    "select count(*) from mail_outbox where recipient = ? and status = 'SENT'", Integer.class, email);
            if (sent != null && sent == count) {
                return;
            }
            assertThat(System.nanoTime()).as("outbox rows to " + email + " sent").isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
