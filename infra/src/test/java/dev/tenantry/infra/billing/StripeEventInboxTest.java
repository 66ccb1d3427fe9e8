package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.tenantry.api.billing.RecordTrialWillEndCommand;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.testsupport.ApiClient;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event's row and the command it causes share one transaction: a command sent with {@code sendAndWait} inside
 * the inbox's unit of work runs in a nested unit of work that joins it, so they commit or roll back together.
 */
@IntegrationTest
class StripeEventInboxTest {

    private static final Instant CREATED = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @LocalServerPort
    int port;

    @Autowired
    StripeEventInbox inbox;

    @Autowired
    CommandGateway commands;

    @Autowired
    JdbcTemplate jdbc;

    private String organizationId;

    @BeforeEach
    void setUp() {
        ApiClient api = new ApiClient(port);
        organizationId = api.createOrganization(api.register("Inbox Owner"), "Inbox Co");
    }

    private static StripeEvent event(String id) {
        return new StripeEvent(id, "customer.subscription.trial_will_end", CREATED,
                JsonNodeFactory.instance.objectNode());
    }

    private RecordTrialWillEndCommand trialWillEnd(String eventId) {
        return new RecordTrialWillEndCommand(SubscriptionIds.of(organizationId), organizationId, eventId,
                CREATED.plusSeconds(86_400));
    }

    private long rows(String eventId) {
        return jdbc.queryForObject("select count(*) from stripe_webhook_event where event_id = ?", Long.class,
                eventId);
    }

    private long trialEndings(String eventId) {
        return SubscriptionHistory.ofType(jdbc, organizationId, "TrialEndingEvent").stream()
                .filter(event -> eventId.equals(event.text("stripeEventId"))).count();
    }

    @Test
    void theRowAndTheCommandsEventsCommitTogetherWithTheTenantOnTheEvent() {
        String eventId = StripeTestEvents.newId("evt");

        boolean fresh = inbox.recordOnce(event(eventId), organizationId, "processed",
                () -> commands.sendAndWait(trialWillEnd(eventId)));

        assertThat(fresh).isTrue();
        assertThat(rows(eventId)).isEqualTo(1);
        assertThat(trialEndings(eventId)).isEqualTo(1);
        assertThat(SubscriptionHistory.ofType(jdbc, organizationId, "TrialEndingEvent").get(0).metaData()
                .path("tenantId").asText()).isEqualTo(organizationId);
    }

    @Test
    void aFailureAfterTheCommandSucceededRollsBackItsEventsAndTheRow() {
        String eventId = StripeTestEvents.newId("evt");

        assertThatThrownBy(() -> inbox.recordOnce(event(eventId), organizationId, "processed", () -> {
            commands.sendAndWait(trialWillEnd(eventId));
            throw new IllegalStateException("after the command");
        })).hasMessage("after the command");

        assertThat(rows(eventId)).isZero();
        assertThat(trialEndings(eventId)).isZero();
        // Nothing was recorded, so a redelivery does the work.
        assertThat(inbox.recordOnce(event(eventId), organizationId, "processed",
                () -> commands.sendAndWait(trialWillEnd(eventId)))).isTrue();
        assertThat(trialEndings(eventId)).isEqualTo(1);
    }

    @Test
    void aFailingCommandRollsBackTheRow() {
        String eventId = StripeTestEvents.newId("evt");
        String stranger = UUID.randomUUID().toString();

        assertThatThrownBy(() -> inbox.recordOnce(event(eventId), stranger, "processed",
                () -> commands.sendAndWait(new RecordTrialWillEndCommand(SubscriptionIds.of(stranger), stranger,
                        eventId, CREATED))))
                .isInstanceOf(AggregateNotFoundException.class);

        assertThat(rows(eventId)).isZero();
    }

    @Test
    void aRecordedEventIsNotWorkedOnAgain() {
        String eventId = StripeTestEvents.newId("evt");
        AtomicInteger runs = new AtomicInteger();
        assertThat(inbox.recordOnce(event(eventId), organizationId, "processed", runs::incrementAndGet)).isTrue();

        assertThat(inbox.recordOnce(event(eventId), organizationId, "processed", runs::incrementAndGet)).isFalse();

        assertThat(runs).hasValue(1);
        assertThat(rows(eventId)).isEqualTo(1);
    }
}
