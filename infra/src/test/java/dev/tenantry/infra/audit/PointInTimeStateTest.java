package dev.tenantry.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantry.api.membership.Role;
import dev.tenantry.infra.axon.CommandSender;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import dev.tenantry.testsupport.Team;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** state?at= rebuilds the organization from its events, and agrees with what the API showed at that instant. */
@IntegrationTest
class PointInTimeStateTest {

    @LocalServerPort
    int port;
    @Autowired
    CommandSender commands;
    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    User owner;
    String orgId;

    /** What the API showed at one instant. */
    record Seen(Instant at, String name, Map<String, String> roles, Set<String> pendingEmails) {
    }

    private Seen seeNow() {
        JsonNode organization = api.get("/api/orgs/" + orgId, owner.accessToken()).body();
        Map<String, String> roles = new HashMap<>();
        api.get("/api/orgs/" + orgId + "/members", owner.accessToken()).body().path("items")
                .forEach(m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
        Set<String> pending = new HashSet<>();
        api.get("/api/orgs/" + orgId + "/invitations", owner.accessToken()).body().path("items")
                .forEach(i -> pending.add(i.path("email").asText()));
        return new Seen(Instant.now(), organization.path("name").asText(), roles, pending);
    }

    @Test
    void theOrganizationAtThreeInstantsIsWhatTheApiShowedThen() {
        api = new ApiClient(port);
        Team team = new Team(api, commands);
        owner = api.register("Tina Timeline");
        Instant beforeCreation = Instant.now();
        orgId = api.createOrganization(owner, "Timeline Co");
        User ada = api.register("Ada Later");
        Team.Invitation adaInvited = team.invite(orgId, owner, ada.email(), Role.MEMBER);
        Seen first = seeNow();

        assertThat(team.accept(adaInvited, ada).status()).isEqualTo(200);
        assertThat(api.patch("/api/orgs/" + orgId + "/members/" + ada.id(), owner.accessToken(),
                Map.of("role", "ADMIN")).status()).isEqualTo(200);
        Seen second = seeNow();

        assertThat(api.patch("/api/orgs/" + orgId, owner.accessToken(), Map.of("name", "Timeline Co Ltd")).status())
                .isEqualTo(200);
        Team.Invitation bo = team.invite(orgId, owner, Team.newEmail("bo"), Role.VIEWER);
        assertThat(api.delete("/api/orgs/" + orgId + "/invitations/" + bo.id(), owner.accessToken()).status())
                .isEqualTo(204);
        Team.Invitation cy = team.invite(orgId, owner, Team.newEmail("cy"), Role.VIEWER);
        Seen third = seeNow();

        for (Seen seen : new Seen[]{first, second, third}) {
            JsonNode state = state(seen.at());
            assertThat(state.path("exists").asBoolean()).isTrue();
            assertThat(state.path("name").asText()).as("name at %s", seen.at()).isEqualTo(seen.name());
            Map<String, String> roles = new HashMap<>();
            state.path("members").forEach(m -> roles.put(m.path("userId").asText(), m.path("role").asText()));
            assertThat(roles).as("members at %s", seen.at()).isEqualTo(seen.roles());
            Set<String> pending = new HashSet<>();
            state.path("pendingInvitations").forEach(i -> pending.add(i.path("email").asText()));
            assertThat(pending).as("pending at %s", seen.at()).isEqualTo(seen.pendingEmails());
            assertThat(state.path("plan").asText()).isEqualTo("free");
            assertThat(state.path("subscriptionStatus").asText()).isEqualTo("FREE");
        }
        assertThat(third.pendingEmails()).containsExactly(cy.email());
        assertThat(state(beforeCreation).path("exists").asBoolean()).isFalse();
    }

    @Test
    void theStateIsRebuiltFromEventsNotFromTodaysTables() {
        api = new ApiClient(port);
        owner = api.register("Tom Tables");
        orgId = api.createOrganization(owner, "Rebuilt From Events Co");
        Instant now = Instant.now();
        jdbc.update("update organization_view set name = 'Edited In The Table' where tenant_id = ?", orgId);

        assertThat(state(now).path("name").asText()).isEqualTo("Rebuilt From Events Co");
        Response missing = api.get("/api/orgs/" + orgId + "/audit/state", owner.accessToken());
        assertThat(missing.status()).isEqualTo(400);
        Response garbled = api.get("/api/orgs/" + orgId + "/audit/state?at=yesterday", owner.accessToken());
        assertThat(garbled.status()).isEqualTo(400);
    }

    @Test
    void aBillingEventStoredBeforeSeatLimitChangedEventExistedStillSetsTheSeatLimitThen() {
        api = new ApiClient(port);
        owner = api.register("Olga Old Entries");
        orgId = api.createOrganization(owner, "Old Entries Co");
        // As written at revision 1 by an earlier release: the grace period's end carried the free plan's limit.
        jdbc.update("""
                insert into audit_entry (tenant_id, sequence, global_index, event_id, event_type, event_revision,
                    aggregate_type, aggregate_id, aggregate_sequence, occurred_at, payload, previous_hash, hash)
                values (?, 1000000, 0, ? || '-grace-v1', 'dev.tenantry.api.billing.GracePeriodExpiredEvent', '1',
                    'Subscription', 'subscription-' || ?, 99, now() - interval '1 second', ?, repeat('0', 64),
                    repeat('0', 64))""", orgId, orgId, orgId,
                "{\"subscriptionId\":\"subscription-" + orgId + "\",\"organizationId\":\"" + orgId
                        + "\",\"paidPlan\":\"pro\",\"fallbackPlan\":\"free\",\"seatLimit\":3}");

        JsonNode state = state(Instant.now());

        assertThat(state.path("fellBackToFree").asBoolean()).isTrue();
        assertThat(state.path("seatLimit").asInt()).isEqualTo(3);
    }

    private JsonNode state(Instant at) {
        Response response = api.get("/api/orgs/" + orgId + "/audit/state?at=" + at, owner.accessToken());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.body();
    }
}
