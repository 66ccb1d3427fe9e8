package dev.tenantry.infra.billing;

import dev.tenantry.api.billing.StripeEventReceivedEvent;
import dev.tenantry.api.billing.StripeSubscriptionSnapshot;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.testsupport.IntegrationTest;
import org.axonframework.config.Configuration;
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

/** A StripeEventReceivedEvent stored with Stripe's status name, read through the application's upcaster chain. */
@IntegrationTest
class StripeStatusUpcasterTest {

    @Autowired
    Configuration axon;

    private static final String RECEIVED_V1 = """
            {"subscriptionId":"subscription-org-1","organizationId":"org-1","stripeEventId":"evt_1",\
            "type":"customer.subscription.updated","stripeSubscriptionId":"sub_1","payloadSnapshot":\
            {"stripeSubscriptionId":"sub_1","stripeCustomerId":"cus_1","stripeStatus":"incomplete_expired",\
            "priceId":"price_pro","currentPeriodEnd":"2026-12-01T00:00:00Z","cancelAtPeriodEnd":false,\
            "observedAt":"2026-11-01T00:00:10Z"}}""";
    private static final String RECEIVED_WITHOUT_SNAPSHOT_V1 = """
            {"subscriptionId":"subscription-org-1","organizationId":"org-1","stripeEventId":"evt_2",\
            "type":"customer.subscription.deleted","stripeSubscriptionId":"sub_1"}""";

    private List<Object> read(String payload) {
        GenericDomainEventEntry<byte[]> stored = new GenericDomainEventEntry<>("Subscription", "subscription-org-1",
                7, "event-1", Instant.parse("2026-11-01T00:00:10Z"), StripeEventReceivedEvent.class.getName(), "1",
                payload.getBytes(StandardCharsets.UTF_8), "{}".getBytes(StandardCharsets.UTF_8));
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(stored), axon.eventSerializer(),
                axon.upcasterChain()).asStream().map(EventMessage::getPayload).map(Object.class::cast).toList();
    }

    @Test
    void stripesStatusNameInAStoredSnapshotIsReadAsOurStatus() {
        assertThat(read(RECEIVED_V1)).containsExactly(new StripeEventReceivedEvent("subscription-org-1", "org-1",
                "evt_1", "customer.subscription.updated", "sub_1", new StripeSubscriptionSnapshot("sub_1", "cus_1",
                SubscriptionStatus.CANCELED, "price_pro", Instant.parse("2026-12-01T00:00:00Z"), false,
                Instant.parse("2026-11-01T00:00:10Z"))));
    }

    @Test
    void anEventWithoutASnapshotIsReadAsItWas() {
        assertThat(read(RECEIVED_WITHOUT_SNAPSHOT_V1)).containsExactly(new StripeEventReceivedEvent(
                "subscription-org-1", "org-1", "evt_2", "customer.subscription.deleted", "sub_1", null));
    }
}
