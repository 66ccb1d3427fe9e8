package dev.tenantry.query.audit;

import dev.tenantry.api.billing.PaymentFailedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.FeatureOverriddenEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.query.audit.AuditEvents.RecordedEvent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sentences, from the shared API's event classes: who is named, and how values read. */
class ActivityFeedTest {

    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    private static RecordedEvent entry(Object event, String actorId, boolean fromStripe) {
        String type = event == null ? "dev.tenantry.api.billing.CheckoutSessionCreatedEvent" : event.getClass().getName();
        return new RecordedEvent(7, AT, type, actorId, fromStripe, event);
    }

    @Test
    void aSentenceNamesTheActorAndThePeopleOfItsEventByDisplayName() {
        RecordedEvent changed = entry(new MemberRoleChangedEvent("m1", "org", "u2", Role.ADMIN, Role.MEMBER),
                "u1", false);

        Activity activity = ActivityFeed.describe(changed, Map.of("u1", "Ana", "u2", "Bo"));

        assertThat(activity.summary()).isEqualTo("Ana changed the role of Bo from MEMBER to ADMIN");
        assertThat(activity.eventType()).isEqualTo("MemberRoleChangedEvent");
        assertThat(activity.actorName()).isEqualTo("Ana");
        assertThat(activity.sequence()).isEqualTo(7);
        assertThat(ActivityFeed.mentioned(List.of(changed))).containsExactlyInAnyOrder("u1", "u2");
    }

    @Test
    void unknownPeopleAndMissingValuesReadAsSuch() {
        assertThat(ActivityFeed.describe(entry(new MemberRoleChangedEvent("m1", "org", "u2", Role.ADMIN, null),
                "u1", false), Map.of()).summary()).isEqualTo("Someone changed the role of someone from ? to ADMIN");
        assertThat(ActivityFeed.describe(entry(new SeatLimitChangedEvent("org", null), null, false), Map.of())
                .summary()).isEqualTo("The seat limit became unlimited");
        assertThat(ActivityFeed.describe(entry(new FeatureOverriddenEvent("org", "sso", false, true), "u1", false),
                Map.of("u1", "Ana")).summary()).isEqualTo("Ana switched the feature sso off for this organization");
    }

    @Test
    void stripeAndTheAppActWithoutAPersonAndAmountsReadAsMoney() {
        Activity failed = ActivityFeed.describe(entry(new PaymentFailedEvent("s", "org", "evt_1", "in_1", 2900, "usd",
                AT), null, true), Map.of());

        assertThat(failed.actorName()).isEqualTo("Stripe");
        assertThat(failed.summary()).isEqualTo("A payment of 29.00 USD failed");
        assertThat(ActivityFeed.describe(entry(new SeatLimitChangedEvent("org", 20), null, false), Map.of())
                .actorName()).isEqualTo("Tenantry");
    }

    @Test
    void anEventWithoutASentenceOrNoLongerReadableReadsAsItsTypeName() {
        assertThat(ActivityFeed.describe(entry(null, "u1", false), Map.of("u1", "Ana")).summary())
                .isEqualTo("Ana: Checkout session created");
    }
}
