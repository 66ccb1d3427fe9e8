package dev.tenantry.infra.organization;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
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
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Slugs are unique across organizations even when many requests claim the same one at the same moment. */
@IntegrationTest
class SlugRaceTest {

    private static final String CREATED_EVENT = "dev.tenantry.api.organization.OrganizationCreatedEvent";

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void ofSixteenConcurrentCreatesWithOneGivenSlugExactlyOneWinsAndTheOthersAreToldItIsTaken() throws Exception {
        ApiClient api = new ApiClient(port);
        List<User> users = IntStream.range(0, 16).mapToObj(i -> api.register("Racer " + i)).toList();
        String slug = "race-" + UUID.randomUUID().toString().substring(0, 8);

        List<Response> responses = concurrently(users.size(), i -> api.post("/api/orgs",
                users.get(i).accessToken(), Map.of("name", "Racer Org " + i, "slug", slug)));

        assertThat(responses).filteredOn(response -> response.status() >= 500).isEmpty();
        List<Response> created = responses.stream().filter(response -> response.status() == 201).toList();
        List<Response> refused = responses.stream().filter(response -> response.status() != 201).toList();
        assertThat(created).as("%s", responses).hasSize(1);
        assertThat(refused).hasSize(15).allSatisfy(response -> {
            assertThat(response.status()).as(response.toString()).isEqualTo(409);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.text("code")).isEqualTo("slug-taken");
            assertThat(response.text("type")).isEqualTo("https://tenantry.dev/problems/slug-taken");
            assertThat(response.text("field")).isEqualTo("slug");
        });
        Response winner = created.get(0);
        assertThat(winner.text("slug")).isEqualTo(slug);
        String winnerId = winner.text("id");

        assertThat(jdbc.queryForList("select organization_id from organization_slug where slug = ?", String.class,
                slug)).containsExactly(winnerId);
        assertThat(jdbc.queryForList("""
                select aggregate_identifier from domain_event_entry
                where payload_type = ? and convert_from(payload, 'UTF8')::jsonb ->> 'slug' = ?""", String.class,
                CREATED_EVENT, slug)).containsExactly(winnerId);
        assertThat(jdbc.queryForList("select tenant_id from organization_view where slug = ?", String.class, slug))
                .containsExactly(winnerId);
        // The losers got no organization, and so no membership either.
        List<String> userIds = users.stream().map(User::id).toList();
        assertThat(jdbc.queryForList("select user_id from membership_view where user_id = any(?)", String.class,
                (Object) userIds.toArray(String[]::new))).hasSize(1);
    }

    @Test
    void tenConcurrentCreatesWithOneNameAndNoSlugAllSucceedWithDistinctDerivedSlugs() throws Exception {
        ApiClient api = new ApiClient(port);
        User user = api.register("Busy Founder");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String name = "Same Name " + suffix;
        String base = "same-name-" + suffix;

        List<Response> responses = concurrently(10, i -> api.post("/api/orgs", user.accessToken(),
                Map.of("name", name)));

        assertThat(responses).allSatisfy(response -> assertThat(response.status()).as(response.toString())
                .isEqualTo(201));
        List<String> slugs = responses.stream().map(response -> response.text("slug")).toList();
        List<String> expected = new ArrayList<>(List.of(base));
        IntStream.rangeClosed(2, 10).forEach(n -> expected.add(base + "-" + n));
        assertThat(slugs).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.queryForList("select slug from organization_view where owner_id = ?", String.class,
                user.id())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(jdbc.queryForObject("select count(*) from organization_slug where slug = any(?)", Integer.class,
                (Object) expected.toArray(String[]::new))).isEqualTo(10);
    }

    /** Runs the calls on as many threads, released together by a start gate; answers in call order. */
    private static List<Response> concurrently(int count, Function<Integer, Response> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                Callable<Response> task = () -> {
                    ready.countDown();
                    start.await();
                    return call.apply(index);
                };
                futures.add(pool.submit(task));
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
