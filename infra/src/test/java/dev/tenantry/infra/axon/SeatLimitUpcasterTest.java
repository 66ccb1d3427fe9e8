package dev.tenantry.infra.axon;

import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Billing events stored at revision 1, as the store holds them (JSON without absent values), read through the
 * application's own serializer and upcaster chain.
 */
@IntegrationTest
class SeatLimitUpcasterTest {

    @Autowired
    Configuration axon;

    /** Stored before SeatLimitChangedEvent followed billing events: the limit was in the activation itself. */
    private static final String ACTIVATED_V1 = """
            {"subscriptionId":"subscription-org-1","organizationId":"org-1","stripeEventId":"evt_1","plan":"pro",\
            "seatLimit":20,"status":"ACTIVE","stripeSubscriptionId":"sub_1","stripeCustomerId":"cus_1",\
            "currentPeriodEnd":"2026-12-01T00:00:00Z","observedAt":"2026-11-01T00:00:10Z"}""";
    /** An unlimited plan's limit was absent (the serializer leaves nulls out). */
    private static final String GRACE_EXPIRED_UNLIMITED_V1 = """
            {"subscriptionId":"subscription-org-1","organizationId":"org-1","paidPlan":"enterprise",\
            "fallbackPlan":"unlimited-free"}""";

    private List<Object> read(String type, String revision, String payload) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Subscription", "subscription-org-1",
                3, "event-" + type, Instant.parse("2026-11-01T00:00:10Z"), type, revision,
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), axon.eventSerializer(),
                        axon.upcasterChain())
                .asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void anActivationStoredWithItsSeatLimitIsReadAsTheActivationFollowedByTheSeatLimitChange() {
        List<Object> events = read(SubscriptionActivatedEvent.class.getName(), "1", ACTIVATED_V1);

        assertThat(events).containsExactly(
                new SubscriptionActivatedEvent("subscription-org-1", "org-1", "evt_1", "pro", SubscriptionStatus.ACTIVE,
                        "sub_1", "cus_1", Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-11-01T00:00:10Z")),
                new SeatLimitChangedEvent("org-1", 20));
    }

    @Test
    void anAbsentSeatLimitWasUnlimited() {
        List<Object> events = read(GracePeriodExpiredEvent.class.getName(), "1", GRACE_EXPIRED_UNLIMITED_V1);

        assertThat(events).containsExactly(
                new GracePeriodExpiredEvent("subscription-org-1", "org-1", "enterprise", "unlimited-free"),
                new SeatLimitChangedEvent("org-1", null));
    }

    @Test
    void aRevisionTwoEventIsReadAsItIs() {
        List<Object> events = read(GracePeriodExpiredEvent.class.getName(), "2", GRACE_EXPIRED_UNLIMITED_V1);

        assertThat(events).containsExactly(
                new GracePeriodExpiredEvent("subscription-org-1", "org-1", "enterprise", "unlimited-free"));
    }

    @Test
    void bothCarryTheStoredEventsSequenceSoTheSubscriptionStillSourcesFromIt() {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Subscription", "subscription-org-1",
                3, "event-1", Instant.parse("2026-11-01T00:00:10Z"), SubscriptionActivatedEvent.class.getName(), "1",
                ACTIVATED_V1.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        List<? extends DomainEventMessage<?>> events = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(stored), axon.eventSerializer(), axon.upcasterChain()).asStream().toList();
        assertThat(events).extracting(DomainEventMessage::getSequenceNumber).containsExactly(3L, 3L);
    }
}
