package dev.tenantry.infra.organization;

import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.ApiClient.Response;
import dev.tenantry.testsupport.ApiClient.User;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A create that succeeded is never answered 404 because its read model is behind (a node that ran it died, or it
 * is catching up): it answers 202 with the resource's Location, where it shows once the read model has it.
 */
@IntegrationTest
class LaggingReadModelTest {

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void anOrganizationCreatedWhileItsReadModelIsBehindIsAcceptedWithWhereItWillShow() {
        ApiClient api = new ApiClient(port);
        User owner = api.register("Patient Owner");

        Response created = whileStopped("organizations",
                () -> api.post("/api/orgs", owner.accessToken(), Map.of("name", "Patient Co")));

        assertThat(created.status()).as(created.toString()).isEqualTo(202);
        String location = created.header("Location");
        assertThat(location).matches("/api/orgs/[0-9a-f-]{36}");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get(location, owner.accessToken()).text("name"), "Patient Co"::equals);
    }

    @Test
    void anInvitationMadeWhileItsReadModelIsBehindIsAcceptedWithWhereItWillShow() {
        ApiClient api = new ApiClient(port);
        User owner = api.register("Patient Inviter");
        String orgId = api.createOrganization(owner, "Patient Invites Co");
        String email = ApiClient.uniqueEmail("patient-invitee");

        Response invited = whileStopped("invitations", () -> api.post("/api/orgs/" + orgId + "/invitations",
                owner.accessToken(), Map.of("email", email, "role", "MEMBER")));

        assertThat(invited.status()).as(invited.toString()).isEqualTo(202);
        assertThat(invited.header("Location")).startsWith("/api/orgs/" + orgId + "/invitations/");
        await().atMost(Duration.ofSeconds(30)).until(
                () -> api.get("/api/orgs/" + orgId + "/invitations", owner.accessToken()).body().path("items")
                        .findValuesAsText("email"), emails -> emails.contains(email));
    }

    /** A stopped processor is not waited for, so the request answers at once with its read model behind. */
    private Response whileStopped(String processorName, Supplier<Response> request) {
        StreamingEventProcessor processor = processing.eventProcessor(processorName, StreamingEventProcessor.class)
                .orElseThrow();
        processor.shutDown();
        try {
            return request.get();
        } finally {
            processor.start();
        }
    }
}
