package dev.tenantry.infra.team;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Active members plus pending invitations never exceed the plan's five seats, however many invitations and
 * acceptances arrive at the same moment: exactly the free seats are taken and every other request is told why.
 */
@IntegrationTest
class SeatLimitConcurrencyTest {

    private static final int SEATS = 5;
    private static final String INVITED_EVENT = "dev.tenantry.api.invitation.MemberInvitedEvent";

    @LocalServerPort
    int port;

    @Autowired
    CommandSender commands;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private Team team;
    private User owner;
    private String orgId;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        team = new Team(api, commands);
        owner = api.register("Olga Owner");
        orgId = api.createOrganization(owner, "Seats " + UUID.randomUUID().toString().substring(0, 8));
    }

    @RepeatedTest(3)
    void invitationsAndAcceptancesRacingForTheLastSeatNeverOverfillThePlan() throws Exception {
        // Owner and one member: two seats used by members. Two invitees hold two more with pending invitations.
        User member = team.join(orgId, owner, Role.MEMBER, "Mia Member");
        User first = api.register("Ann Accepting");
        User second = api.register("Ben Accepting");
        Team.Invitation firstInvitation = team.invite(orgId, owner, first.email(), Role.MEMBER);
        Team.Invitation secondInvitation = team.invite(orgId, owner, second.email(), Role.VIEWER);
        assertThat(seatsTakenInTheDatabase()).isEqualTo(4);

        // 2 acceptances and 22 invitations of distinct emails, all at once, for the one free seat.
        List<String> emails = IntStream.range(0, 22).mapToObj(i -> Team.newEmail("Racer " + i)).toList();
        List<Callable<Response>> calls = new ArrayList<>();
        calls.add(() -> team.accept(firstInvitation, first));
        calls.add(() -> team.accept(secondInvitation, second));
        emails.forEach(email -> calls.add(() -> invite(email)));

        List<Response> responses = concurrently(calls);

        assertThat(responses).filteredOn(response -> response.status() >= 500).isEmpty();
        assertThat(responses.get(0).status()).as(responses.get(0).toString()).isEqualTo(200);
        assertThat(responses.get(1).status()).as(responses.get(1).toString()).isEqualTo(200);
        List<Response> invitations = responses.subList(2, responses.size());
        List<Response> invited = invitations.stream().filter(response -> response.status() == 201).toList();
        assertThat(invited).as("%s", invitations).hasSize(1);
        assertRefusedForLackOfSeats(invitations.stream().filter(response -> response.status() != 201).toList(), 21);

        // Owner, member and the two who accepted; the one winning invitation pending: five seats.
        assertThat(memberIds()).containsExactlyInAnyOrder(owner.id(), member.id(), first.id(),
                second.id());
        assertThat(pendingEmails()).containsExactly(invited.get(0).text("email"));
        assertThat(seatsTakenInTheDatabase()).isEqualTo(SEATS);
        assertThat(activeMembersInTheDatabase()).isEqualTo(4);
        // The member's, the two accepted ones and the winner's: no refused invitation left an event behind.
        assertThat(invitedEventsInTheStore()).isEqualTo(4);
    }

    @RepeatedTest(3)
    void ofTwentyFiveConcurrentInvitationsExactlyTheFourFreeSeatsAreTaken() throws Exception {
        List<String> emails = IntStream.range(0, 25).mapToObj(i -> Team.newEmail("Racer " + i)).toList();
        List<Callable<Response>> calls = new ArrayList<>();
        emails.forEach(email -> calls.add(() -> invite(email)));

        List<Response> responses = concurrently(calls);

        assertThat(responses).filteredOn(response -> response.status() >= 500).isEmpty();
        List<Response> invited = responses.stream().filter(response -> response.status() == 201).toList();
        assertThat(invited).as("%s", responses).hasSize(SEATS - 1);
        assertRefusedForLackOfSeats(responses.stream().filter(response -> response.status() != 201).toList(), 21);

        assertThat(pendingEmails()).containsExactlyInAnyOrderElementsOf(
                invited.stream().map(response -> response.text("email")).toList());
        assertThat(memberIds()).containsExactly(owner.id());
        assertThat(seatsTakenInTheDatabase()).isEqualTo(SEATS);
        assertThat(invitedEventsInTheStore()).isEqualTo(SEATS - 1);
    }

    private static void assertRefusedForLackOfSeats(List<Response> refused, int expectedCount) {
        assertThat(refused).hasSize(expectedCount).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("seat-limit-reached");
            assertThat(response.text("type")).isEqualTo("https://tenantry.dev/problems/seat-limit-reached");
            assertThat(response.text("detail")).isNotBlank();
        });
    }

    private Response invite(String email) {
        return api.post("/api/orgs/" + orgId + "/invitations", owner.accessToken(),
                Map.of("email", email, "role", "MEMBER"));
    }

    private List<String> memberIds() {
        Response members = api.get("/api/orgs/" + orgId + "/members", owner.accessToken());
        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        return values(members.body().path("items"), "userId");
    }

    private List<String> pendingEmails() {
        Response pending = api.get("/api/orgs/" + orgId + "/invitations", owner.accessToken());
        assertThat(pending.status()).as(pending.toString()).isEqualTo(200);
        return values(pending.body().path("items"), "email");
    }

    private int activeMembersInTheDatabase() {
        return jdbc.queryForObject("select count(*) from member_roster where organization_id = ? and status = 'ACTIVE'",
                Integer.class, orgId);
    }

    private int seatsTakenInTheDatabase() {
        return activeMembersInTheDatabase() + jdbc.queryForObject(
                "select count(*) from pending_invitation where organization_id = ?", Integer.class, orgId);
    }

    private int invitedEventsInTheStore() {
        return jdbc.queryForObject("""
                select count(*) from domain_event_entry
                where payload_type = ? and convert_from(payload, 'UTF8')::jsonb ->> 'organizationId' = ?""",
                Integer.class, INVITED_EVENT, orgId);
    }

    private static List<String> values(JsonNode items, String field) {
        return StreamSupport.stream(items.spliterator(), false).map(item -> item.path(field).asText()).toList();
    }

    /** Runs every call on its own thread, released together by a start gate; answers in call order. */
    private static List<Response> concurrently(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch ready = new CountDownLatch(calls.size());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    start.await();
                    return call.call();
                }));
            }
            assertThat(ready.await(30, TimeUnit.SECONDS)).as("all threads ready").isTrue();
            start.countDown();
            List<Response> responses = new ArrayList<>();
            for (Future<Response> future : futures) {
                responses.add(future.get(60, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            pool.shutdownNow();
        }
    }
}
