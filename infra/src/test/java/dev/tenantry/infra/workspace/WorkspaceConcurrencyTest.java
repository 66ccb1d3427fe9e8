package dev.tenantry.infra.workspace;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
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
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The plan's workspace limit and unique names hold however many requests arrive at once: the lookup row lock lets
 * exactly the free places be taken, and every other request is told why.
 */
@IntegrationTest
class WorkspaceConcurrencyTest {

    /** The free plan's 3, of which the default workspace takes one. */
    private static final int FREE_PLACES = 2;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    private ApiClient api;
    private User owner;
    private String orgId;

    @BeforeEach
    void aFreeOrganization() {
        api = new ApiClient(port);
        owner = api.register("Rhea Racer");
        orgId = api.createOrganization(owner, "Racing " + UUID.randomUUID().toString().substring(0, 8));
    }

    @Test
    void twentyConcurrentCreatesOnAFreeOrganizationTakeExactlyTheFreePlaces() throws Exception {
        List<Response> responses = all(IntStream.range(0, 20)
                .<Callable<Response>>mapToObj(i -> () -> create("Racer " + i)).toList());

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(FREE_PLACES);
        assertThat(responses.stream().filter(r -> r.status() != 201)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.text("code")).isEqualTo("workspace-limit-reached");
        });
        assertThat(activeInTheLookup()).isEqualTo(3);
        assertThat(api.get(workspaces(), owner.accessToken()).body().path("items")).hasSize(3);
    }

    @Test
    void restoresAndCreatesRacingForTheSamePlacesNeverOverfillThePlan() throws Exception {
        String first = create("First").text("id");
        String second = create("Second").text("id");
        assertThat(api.delete(workspaces() + "/" + first, owner.accessToken()).status()).isEqualTo(204);
        assertThat(api.delete(workspaces() + "/" + second, owner.accessToken()).status()).isEqualTo(204);

        List<Callable<Response>> calls = new ArrayList<>();
        calls.add(() -> api.post(workspaces() + "/" + first + "/restore", owner.accessToken(), null));
        calls.add(() -> api.post(workspaces() + "/" + second + "/restore", owner.accessToken(), null));
        IntStream.range(0, 10).forEach(i -> calls.add(() -> create("Newcomer " + i)));
        List<Response> responses = all(calls);

        assertThat(responses.stream().filter(r -> r.status() == 200 || r.status() == 201)).hasSize(FREE_PLACES);
        assertThat(responses.stream().filter(r -> r.status() >= 300)).allSatisfy(r ->
                assertThat(r.text("code")).as(r.toString()).isEqualTo("workspace-limit-reached"));
        assertThat(activeInTheLookup()).isEqualTo(3);
    }

    @Test
    void ofTenConcurrentCreatesWithOneNameExactlyOneWins() throws Exception {
        List<Response> responses = all(IntStream.range(0, 10)
                .<Callable<Response>>mapToObj(i -> () -> create(i % 2 == 0 ? " Same Name" : "same name ")).toList());

        assertThat(responses.stream().filter(r -> r.status() == 201)).hasSize(1);
        assertThat(responses.stream().filter(r -> r.status() != 201)).allSatisfy(r -> {
            assertThat(r.status()).as(r.toString()).isEqualTo(409);
            assertThat(r.text("code")).isEqualTo("workspace-name-taken");
        });
        assertThat(jdbc.queryForObject("select count(*) from workspace_name where organization_id = ? "
                + "and name_key = 'same name'", Integer.class, orgId)).isEqualTo(1);
    }

    private Response create(String name) {
        return api.post(workspaces(), owner.accessToken(), Map.of("name", name));
    }

    private String workspaces() {
        return "/api/orgs/" + orgId + "/workspaces";
    }

    private int activeInTheLookup() {
        Integer count = jdbc.queryForObject("select count(*) from workspace_name where organization_id = ?",
                Integer.class, orgId);
        return count == null ? 0 : count;
    }

    /** Starts every call at the same moment and waits for all of them. */
    private static List<Response> all(List<Callable<Response>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> call : calls) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
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
