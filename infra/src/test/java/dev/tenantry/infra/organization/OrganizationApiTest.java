package dev.tenantry.infra.organization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.api.membership.MembershipIds;
import dev.tenantry.infra.organization.StoredEvents.Event;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

@IntegrationTest
class OrganizationApiTest {

    private static final String CORRELATION_HEADER = "X-Correlation-Id";
    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private User owner;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        owner = api.register("Olga Owner");
    }

    private static String suffix() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private String path(String orgId) {
        return "/api/orgs/" + orgId;
    }

    // --- creating and reading ---------------------------------------------------------------------------------

    @Test
    void creatingAnOrganizationAnswers201WithItsLocationDerivedSlugOwnerAndDefaultSettings() {
        String suffix = suffix();

        Response created = api.post("/api/orgs", owner.accessToken(), Map.of("name", "Ça Va, Inc! " + suffix));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        assertThat(UUID.fromString(id).toString()).isEqualTo(id);
        assertThat(created.header("Location")).endsWith("/api/orgs/" + id);
        assertThat(URI.create(created.header("Location")).getPath()).isEqualTo("/api/orgs/" + id);
        assertThat(created.text("name")).isEqualTo("Ça Va, Inc! " + suffix);
        assertThat(created.text("slug")).isEqualTo("ca-va-inc-" + suffix);
        assertThat(created.text("status")).isEqualTo("ACTIVE");
        assertThat(created.text("ownerId")).isEqualTo(owner.id());
        assertThat(created.body().path("settings").path("timeZone").asText()).isEqualTo("UTC");
        assertThat(created.body().path("settings").path("locale").asText()).isEqualTo("en");

        Response read = api.get(path(id), owner.accessToken());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("id")).isEqualTo(id);
        assertThat(read.text("name")).isEqualTo("Ça Va, Inc! " + suffix);
        assertThat(read.text("slug")).isEqualTo("ca-va-inc-" + suffix);
        assertThat(read.text("status")).isEqualTo("ACTIVE");
        assertThat(read.text("ownerId")).isEqualTo(owner.id());
        assertThat(read.body().path("settings")).isEqualTo(created.body().path("settings"));
    }

    @Test
    void aNewOrganizationIsAmongTheCreatorsOrganizationsAsOwner() {
        String name = "Listed " + suffix();
        String id = api.createOrganization(owner, name);

        Response mine = api.get("/api/orgs", owner.accessToken());
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        JsonNode listed = only(mine.body().path("items"), id);
        assertThat(listed.path("name").asText()).isEqualTo(name);
        assertThat(listed.path("slug").asText()).isEqualTo(slugOf(id));
        assertThat(listed.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(listed.path("role").asText()).isEqualTo("OWNER");
        assertThat(listed.path("joinedAt").asText()).isNotBlank();

        Response me = api.get("/api/me", owner.accessToken());
        assertThat(me.status()).as(me.toString()).isEqualTo(200);
        JsonNode inMe = only(me.body().path("organizations"), id);
        assertThat(inMe.path("name").asText()).isEqualTo(name);
        assertThat(inMe.path("role").asText()).isEqualTo("OWNER");
    }

    @Test
    void theCreatorIsTheOnlyMemberAndIsOwner() {
        String id = api.createOrganization(owner, "Members " + suffix());

        Response members = api.get(path(id) + "/members", owner.accessToken());

        assertThat(members.status()).as(members.toString()).isEqualTo(200);
        JsonNode items = members.body().path("items");
        assertThat(items).hasSize(1);
        JsonNode member = items.get(0);
        assertThat(member.path("organizationId").asText()).isEqualTo(id);
        assertThat(member.path("userId").asText()).isEqualTo(owner.id());
        assertThat(member.path("email").asText()).isEqualTo(owner.email());
        assertThat(member.path("displayName").asText()).isEqualTo("Olga Owner");
        assertThat(member.path("role").asText()).isEqualTo("OWNER");
        assertThat(member.path("status").asText()).isEqualTo("ACTIVE");
        assertThat(member.path("joinedAt").asText()).isNotBlank();
    }

    @Test
    void aGivenValidSlugAndGivenSettingsAreUsed() {
        String slug = "given-" + suffix();

        Response created = api.post("/api/orgs", owner.accessToken(), Map.of("name", "Whatever Name",
                "slug", slug, "settings", Map.of("timeZone", "America/New_York", "locale", "de-CH")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.text("slug")).isEqualTo(slug);
        Response read = api.get(path(created.text("id")), owner.accessToken());
        assertThat(read.text("slug")).isEqualTo(slug);
        assertThat(read.body().path("settings").path("timeZone").asText()).isEqualTo("America/New_York");
        assertThat(read.body().path("settings").path("locale").asText()).isEqualTo("de-CH");
        assertThat(jdbc.queryForObject("select organization_id from organization_slug where slug = ?", String.class,
                slug)).isEqualTo(created.text("id"));
    }

    @Test
    void settingsGivenInPartAtCreationKeepTheDefaultForTheRest() {
        Response created = api.post("/api/orgs", owner.accessToken(),
                Map.of("name", "Partial " + suffix(), "settings", Map.of("timeZone", "Asia/Tokyo")));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.body().path("settings").path("timeZone").asText()).isEqualTo("Asia/Tokyo");
        assertThat(created.body().path("settings").path("locale").asText()).isEqualTo("en");
    }

    @Test
    void twoOrganizationsWithTheSameNameGetTheDerivedSlugAndThenItsSecondVariant() {
        String suffix = suffix();
        String name = "Twin Corp " + suffix;

        Response first = api.post("/api/orgs", owner.accessToken(), Map.of("name", name));
        Response second = api.post("/api/orgs", owner.accessToken(), Map.of("name", name));

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        assertThat(first.text("slug")).isEqualTo("twin-corp-" + suffix);
        assertThat(second.text("slug")).isEqualTo("twin-corp-" + suffix + "-2");
        assertThat(second.text("id")).isNotEqualTo(first.text("id"));
    }

    // --- updating -------------------------------------------------------------------------------------------

    @Test
    void theOwnerRenamesTheOrganization() {
        String id = api.createOrganization(owner, "Before " + suffix());
        String newName = "After " + suffix();

        Response renamed = api.patch(path(id), owner.accessToken(), Map.of("name", newName));

        assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
        assertThat(renamed.text("name")).isEqualTo(newName);
        assertThat(api.get(path(id), owner.accessToken()).text("name")).isEqualTo(newName);
        assertThat(only(api.get("/api/orgs", owner.accessToken()).body().path("items"), id).path("name").asText())
                .isEqualTo(newName);
    }

    @Test
    void changingTheTimeZoneKeepsTheLocale() {
        Response created = api.post("/api/orgs", owner.accessToken(),
                Map.of("name", "Zones " + suffix(), "settings", Map.of("locale", "fr-CA")));
        String id = created.text("id");

        Response updated = api.patch(path(id), owner.accessToken(), Map.of("settings", Map.of("timeZone", "Europe/Berlin")));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.body().path("settings").path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(updated.body().path("settings").path("locale").asText()).isEqualTo("fr-CA");
        JsonNode read = api.get(path(id), owner.accessToken()).body();
        assertThat(read.path("settings").path("timeZone").asText()).isEqualTo("Europe/Berlin");
        assertThat(read.path("settings").path("locale").asText()).isEqualTo("fr-CA");
        assertThat(read.path("name").asText()).isEqualTo(created.text("name"));
    }

    @Test
    void nameAndSettingsChangeInOnePatch() {
        String id = api.createOrganization(owner, "Both " + suffix());
        String newName = "Both Changed " + suffix();

        Response updated = api.patch(path(id), owner.accessToken(), Map.of("name", newName,
                "settings", Map.of("timeZone", "Australia/Sydney", "locale", "en-AU")));

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        JsonNode read = api.get(path(id), owner.accessToken()).body();
        for (JsonNode body : List.of(updated.body(), read)) {
            assertThat(body.path("name").asText()).isEqualTo(newName);
            assertThat(body.path("settings").path("timeZone").asText()).isEqualTo("Australia/Sydney");
            assertThat(body.path("settings").path("locale").asText()).isEqualTo("en-AU");
        }
    }

    @Test
    void aPatchWithNeitherNameNorSettingsIsRefusedAndChangesNothing() {
        String name = "Neither " + suffix();
        String id = api.createOrganization(owner, name);
        long eventsBefore = StoredEvents.countOfAggregate(jdbc, id);

        Response refused = api.patch(path(id), owner.accessToken(), Map.of());

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("type")).startsWith("https://tenantry.dev/problems/");
        assertThat(StoredEvents.countOfAggregate(jdbc, id)).isEqualTo(eventsBefore);
        assertThat(api.get(path(id), owner.accessToken()).text("name")).isEqualTo(name);
    }

    @Test
    void anInvalidTimeZoneRefusesTheWholePatchSoTheValidNameIsNotWrittenEither() {
        String name = "Atomic " + suffix();
        String id = api.createOrganization(owner, name);
        long eventsBefore = StoredEvents.countOfAggregate(jdbc, id);

        Response refused = api.patch(path(id), owner.accessToken(),
                Map.of("name", "Renamed " + suffix(), "settings", Map.of("timeZone", "Mars/Olympus")));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.text("field")).isEqualTo("settings.timeZone");
        assertThat(api.get(path(id), owner.accessToken()).text("name")).isEqualTo(name);
        assertThat(jdbc.queryForObject("select name from organization_view where tenant_id = ?", String.class, id))
                .isEqualTo(name);
        assertThat(StoredEvents.countOfAggregate(jdbc, id)).isEqualTo(eventsBefore);
    }

    // --- closing --------------------------------------------------------------------------------------------

    @Test
    void theOwnerClosesTheOrganizationWhichStaysReadableAsClosedAndRefusesFurtherChanges() {
        String name = "Closing " + suffix();
        String id = api.createOrganization(owner, name);

        Response closed = api.delete(path(id), owner.accessToken());
        assertThat(closed.status()).as(closed.toString()).isEqualTo(204);

        Response read = api.get(path(id), owner.accessToken());
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.text("status")).isEqualTo("CLOSED");
        assertThat(only(api.get("/api/orgs", owner.accessToken()).body().path("items"), id).path("status").asText())
                .isEqualTo("CLOSED");

        Response rename = api.patch(path(id), owner.accessToken(), Map.of("name", "Zombie " + suffix()));
        assertThat(rename.status()).as(rename.toString()).isEqualTo(409);
        assertThat(rename.text("code")).isEqualTo("organization-closed");
        assertThat(rename.text("type")).isEqualTo("https://tenantry.dev/problems/organization-closed");

        Response settings = api.patch(path(id), owner.accessToken(), Map.of("settings", Map.of("locale", "de")));
        assertThat(settings.status()).as(settings.toString()).isEqualTo(409);
        assertThat(settings.text("code")).isEqualTo("organization-closed");

        Response closeAgain = api.delete(path(id), owner.accessToken());
        assertThat(closeAgain.status()).as(closeAgain.toString()).isEqualTo(409);
        assertThat(closeAgain.text("code")).isEqualTo("organization-closed");

        JsonNode after = api.get(path(id), owner.accessToken()).body();
        assertThat(after.path("name").asText()).isEqualTo(name);
        assertThat(after.path("settings").path("locale").asText()).isEqualTo("en");
        assertThat(StoredEvents.ofAggregates(jdbc, id)).extracting(Event::type)
                .containsExactly("OrganizationCreatedEvent", "SeatLimitChangedEvent", "WorkspaceLimitChangedEvent",
                        "OrganizationClosedEvent");
    }

    // --- the event store ------------------------------------------------------------------------------------

    @Test
    void everyEventOfTheOrganizationCarriesTenantActorCorrelationAndCausation() {
        Response created = api.post("/api/orgs", owner.accessToken(), Map.of("name", "Audited " + suffix()));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String id = created.text("id");
        String membershipId = MembershipIds.of(id, owner.id());
        assertThat(api.patch(path(id), owner.accessToken(), Map.of("name", "Audited Again " + suffix())).status())
                .isEqualTo(200);
        assertThat(api.patch(path(id), owner.accessToken(), Map.of("settings", Map.of("timeZone", "Europe/Paris")))
                .status()).isEqualTo(200);
        assertThat(api.delete(path(id), owner.accessToken()).status()).isEqualTo(204);

        List<Event> events = StoredEvents.ofAggregates(jdbc, id, membershipId);

        assertThat(events).extracting(Event::type).containsExactly("OrganizationCreatedEvent",
                "SeatLimitChangedEvent", "WorkspaceLimitChangedEvent", "MemberAddedEvent", "OrganizationRenamedEvent",
                "OrganizationSettingsUpdatedEvent", "OrganizationClosedEvent");
        assertThat(events).extracting(Event::payloadType).allMatch(type -> type.startsWith("dev.tenantry.api."));
        assertThat(events).extracting(Event::aggregateId)
                .containsExactly(id, id, id, membershipId, id, id, id);
        for (Event event : events) {
            assertThat(event.meta("tenantId")).as("tenantId of %s", event.type()).isEqualTo(id);
            assertThat(event.meta("actorId")).as("actorId of %s", event.type()).isEqualTo(owner.id());
            assertThat(event.meta("correlationId")).as("correlationId of %s", event.type()).isNotBlank();
            assertThat(event.meta("causationId")).as("causationId of %s", event.type()).isNotBlank()
                    .isNotEqualTo(event.eventId());
        }
        Event member = events.get(3);
        assertThat(member.payload().path("organizationId").asText()).isEqualTo(id);
        assertThat(member.payload().path("userId").asText()).isEqualTo(owner.id());
        assertThat(member.payload().path("role").asText()).isEqualTo("OWNER");

        // The creation's three events come from one command of one request.
        Event creation = events.get(0);
        assertThat(creation.meta("correlationId")).isEqualTo(created.header(CORRELATION_HEADER));
        assertThat(member.meta("correlationId")).isEqualTo(created.header(CORRELATION_HEADER));
        assertThat(member.meta("causationId")).isEqualTo(creation.meta("causationId"));
        // Each later request (rename, settings, close) has its own correlation id.
        List<String> correlationIds = events.stream().map(event -> event.meta("correlationId")).toList();
        assertThat(correlationIds.subList(3, 7)).doesNotHaveDuplicates();
    }

    @Test
    void theFoundersMembershipIsStoredAfterTheOrganizationsCreation() {
        String id = api.createOrganization(owner, "Ordered " + suffix());

        List<Event> events = StoredEvents.ofAggregates(jdbc, id, MembershipIds.of(id, owner.id()));

        assertThat(events).extracting(Event::type)
                .containsExactly("OrganizationCreatedEvent", "SeatLimitChangedEvent", "WorkspaceLimitChangedEvent",
                        "MemberAddedEvent");
        assertThat(events.get(0).globalIndex()).isLessThan(events.get(3).globalIndex());
        assertThat(events).extracting(Event::sequenceNumber).containsExactly(0L, 1L, 2L, 0L);
    }

    @Test
    void aPatchOfNameAndSettingsStoresTwoEventsUnderTheRequestsCorrelationId() {
        String id = api.createOrganization(owner, "Correlated " + suffix());
        long before = StoredEvents.countOfAggregate(jdbc, id);

        HttpResponse<String> response = patchWithHeaders(id, Map.of(), Map.of("name", "Correlated Two " + suffix(),
                "settings", Map.of("timeZone", "Europe/Berlin", "locale", "de-DE")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String correlationId = response.headers().firstValue(CORRELATION_HEADER).orElseThrow();
        assertThat(correlationId).isNotBlank();
        List<Event> patchEvents = StoredEvents.ofAggregates(jdbc, id).stream().skip(before).toList();
        assertThat(patchEvents).extracting(Event::type)
                .containsExactly("OrganizationRenamedEvent", "OrganizationSettingsUpdatedEvent");
        assertThat(patchEvents).extracting(event -> event.meta("correlationId"))
                .containsExactly(correlationId, correlationId);
        // Two commands caused them.
        assertThat(patchEvents.get(0).meta("causationId")).isNotEqualTo(patchEvents.get(1).meta("causationId"));
    }

    @Test
    void aCorrelationIdSentByTheClientIsEchoedAndRecordedOnTheEvents() {
        String id = api.createOrganization(owner, "Traced " + suffix());
        long before = StoredEvents.countOfAggregate(jdbc, id);
        String given = "client-trace-" + UUID.randomUUID();

        HttpResponse<String> response = patchWithHeaders(id, Map.of(CORRELATION_HEADER, given),
                Map.of("name", "Traced Two " + suffix(), "settings", Map.of("timeZone", "Europe/Rome")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue(CORRELATION_HEADER)).contains(given);
        List<Event> patchEvents = StoredEvents.ofAggregates(jdbc, id).stream().skip(before).toList();
        assertThat(patchEvents).hasSize(2);
        assertThat(patchEvents).extracting(event -> event.meta("correlationId")).containsOnly(given);
    }

    @Test
    void anUnacceptableClientCorrelationIdIsReplacedByAFreshOne() {
        String id = api.createOrganization(owner, "Sanitised " + suffix());
        long before = StoredEvents.countOfAggregate(jdbc, id);
        String unacceptable = "no spaces or <markup> allowed";

        HttpResponse<String> response = patchWithHeaders(id, Map.of(CORRELATION_HEADER, unacceptable),
                Map.of("name", "Sanitised Two " + suffix()));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String echoed = response.headers().firstValue(CORRELATION_HEADER).orElseThrow();
        assertThat(echoed).isNotEqualTo(unacceptable).isNotBlank();
        List<Event> patchEvents = StoredEvents.ofAggregates(jdbc, id).stream().skip(before).toList();
        assertThat(patchEvents).extracting(event -> event.meta("correlationId")).containsExactly(echoed);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private String slugOf(String orgId) {
        return jdbc.queryForObject("select slug from organization_view where tenant_id = ?", String.class, orgId);
    }

    /** The one element of a list of organizations whose id is the given one. */
    private static JsonNode only(JsonNode items, String id) {
        assertThat(items.isArray()).as("items of %s", items).isTrue();
        List<JsonNode> matching = StreamSupport.stream(items.spliterator(), false)
                .filter(item -> id.equals(item.path("id").asText()))
                .toList();
        assertThat(matching).as("organization %s in %s", id, items).hasSize(1);
        return matching.get(0);
    }

    /** A PATCH with extra request headers, which {@link ApiClient} does not send. */
    private HttpResponse<String> patchWithHeaders(String orgId, Map<String, String> headers, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path(orgId)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + owner.accessToken())
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            headers.forEach(request::header);
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
