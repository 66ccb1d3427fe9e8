package dev.tenantry.query.audit;

import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.PaymentFailedEvent;
import dev.tenantry.api.billing.PaymentSucceededEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionRenewedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatusChangedEvent;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationDeclinedEvent;
import dev.tenantry.api.invitation.InvitationExpiredEvent;
import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.InvitationRevokedEvent;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberLeftEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.MemberRoleChangedEvent;
import dev.tenantry.api.organization.FeatureOverrideRemovedEvent;
import dev.tenantry.api.organization.FeatureOverriddenEvent;
import dev.tenantry.api.organization.OrganizationClosedEvent;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.OrganizationRenamedEvent;
import dev.tenantry.api.organization.OrganizationSettingsUpdatedEvent;
import dev.tenantry.api.organization.OwnershipTransferredEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.query.audit.AuditEvents.RecordedEvent;
import dev.tenantry.query.user.UserProfileRow;
import dev.tenantry.query.user.UserProfileRowRepository;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * A tenant's audit stream in words. Reads the stored entries (written with their events, so never behind) and
 * names people from the user profiles; an event without a sentence of its own reads as its type's name
 * ("Checkout session created").
 */
@Component
public class ActivityFeed {

    /** The people a sentence names: the acting one, and others by user id. */
    interface Words {

        String actor();

        String person(String userId);
    }

    /**
     * Sentences by event class. Typed on purpose: a renamed event or field fails to compile here instead of
     * silently falling back to the generic sentence.
     */
    private static final Map<Class<?>, BiFunction<Object, Words, String>> SENTENCES = new Sentences()
            .on(OrganizationCreatedEvent.class, (e, w) -> w.actor() + " created the organization " + text(e.name()))
            .on(OrganizationRenamedEvent.class, (e, w) -> w.actor() + " renamed the organization from "
                    + text(e.previousName()) + " to " + text(e.name()))
            .on(OrganizationSettingsUpdatedEvent.class, (e, w) -> w.actor() + " updated the organization's settings")
            .on(OrganizationClosedEvent.class, (e, w) -> w.actor() + " closed the organization")
            .on(FeatureOverriddenEvent.class, (e, w) -> w.actor() + " switched the feature " + text(e.feature())
                    + (e.enabled() ? " on" : " off") + " for this organization")
            .on(FeatureOverrideRemovedEvent.class, (e, w) -> w.actor() + " removed the override of the feature "
                    + text(e.feature()) + ": the plan decides again")
            .on(OwnershipTransferredEvent.class, (e, w) -> w.actor() + " transferred ownership to "
                    + w.person(e.newOwnerId()))
            .on(SeatLimitChangedEvent.class, (e, w) -> "The seat limit became " + seatLimit(e.seatLimit()))
            .on(MemberInvitedEvent.class, (e, w) -> w.actor() + " invited " + text(e.email()) + " as " + text(e.role()))
            .on(InvitationResentEvent.class, (e, w) -> w.actor() + " resent an invitation")
            .on(InvitationAcceptedEvent.class, (e, w) -> w.person(e.userId()) + " accepted the invitation and joined as "
                    + text(e.role()))
            .on(InvitationDeclinedEvent.class, (e, w) -> text(e.email()) + " declined the invitation")
            .on(InvitationRevokedEvent.class, (e, w) -> w.actor() + " revoked the invitation of " + text(e.email()))
            .on(InvitationExpiredEvent.class, (e, w) -> "The invitation of " + text(e.email()) + " expired")
            .on(MemberAddedEvent.class, (e, w) -> w.person(e.userId()) + " joined as " + text(e.role()))
            .on(MemberRoleChangedEvent.class, (e, w) -> w.actor() + " changed the role of " + w.person(e.userId())
                    + " from " + text(e.previousRole()) + " to " + text(e.role()))
            .on(MemberRemovedEvent.class, (e, w) -> w.actor() + " removed " + w.person(e.userId()))
            .on(MemberLeftEvent.class, (e, w) -> w.person(e.userId()) + " left the organization")
            .on(SubscriptionStartedEvent.class, (e, w) -> "The organization started on the " + text(e.plan()) + " plan")
            .on(CheckoutRequestedEvent.class, (e, w) -> w.actor() + " started a checkout for the " + text(e.plan())
                    + " plan")
            .on(SubscriptionActivatedEvent.class, (e, w) -> "The " + text(e.plan()) + " plan became active")
            .on(SubscriptionPlanChangedEvent.class, (e, w) -> "The plan changed from " + text(e.previousPlan()) + " to "
                    + text(e.plan()))
            .on(SubscriptionStatusChangedEvent.class, (e, w) -> "The subscription went from "
                    + text(e.previousStatus()) + " to " + text(e.status()))
            .on(SubscriptionPastDueEvent.class, (e, w) -> "A payment is overdue: the grace period ends at "
                    + text(e.graceEndsAt()))
            .on(PaymentFailedEvent.class, (e, w) -> "A payment of " + amount(e.amountCents(), e.currency()) + " failed")
            .on(PaymentSucceededEvent.class, (e, w) -> "A payment of " + amount(e.amountCents(), e.currency())
                    + " succeeded")
            .on(GracePeriodExpiredEvent.class, (e, w) -> "The grace period ended: the " + text(e.fallbackPlan())
                    + " plan's limits apply")
            .on(PaidPlanRestoredEvent.class, (e, w) -> "Payment resumed: the " + text(e.plan()) + " plan is restored")
            .on(SubscriptionCanceledEvent.class, (e, w) -> "The subscription was canceled")
            .on(SubscriptionRenewedEvent.class, (e, w) -> "The subscription renewed until "
                    + text(e.currentPeriodEnd()))
            .build();

    private final AuditEvents stream;
    private final UserProfileRowRepository profiles;

    ActivityFeed(AuditEvents stream, UserProfileRowRepository profiles) {
        this.stream = stream;
        this.profiles = profiles;
    }

    /** The latest {@code limit} entries, newest first. */
    public List<Activity> latest(String tenantId, int limit) {
        return describe(stream.latest(tenantId, limit));
    }

    /** The entries after {@code sequence}, oldest first, at most {@code limit}. */
    public List<Activity> after(String tenantId, long sequence, int limit) {
        return describe(stream.after(tenantId, sequence, limit));
    }

    private List<Activity> describe(List<RecordedEvent> entries) {
        Map<String, String> names = names(entries);
        return entries.stream().map(entry -> describe(entry, names)).toList();
    }

    static Activity describe(RecordedEvent entry, Map<String, String> names) {
        String simpleType = entry.eventType().substring(entry.eventType().lastIndexOf('.') + 1);
        String actorName = entry.actorId() != null ? names.getOrDefault(entry.actorId(), "Someone")
                : entry.fromStripe() ? "Stripe" : "Tenantry";
        Words words = new Words() {
            @Override
            public String actor() {
                return actorName;
            }

            @Override
            public String person(String userId) {
                return userId == null ? "someone" : names.getOrDefault(userId, "someone");
            }
        };
        return new Activity(entry.sequence(), entry.occurredAt(), simpleType, entry.actorId(), actorName,
                sentence(entry, words).orElse(actorName + ": " + humanize(simpleType)));
    }

    private static Optional<String> sentence(RecordedEvent entry, Words words) {
        BiFunction<Object, Words, String> sentence = entry.event() == null ? null
                : SENTENCES.get(entry.event().getClass());
        return sentence == null ? Optional.empty()
                : Optional.of(sentence.apply(entry.event(), words));
    }

    /** Display names of every person the entries mention, in one query. */
    private Map<String, String> names(List<RecordedEvent> entries) {
        Set<String> ids = mentioned(entries);
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            for (UserProfileRow profile : profiles.findAllById(ids)) {
                names.put(profile.getUserId(), profile.getDisplayName());
            }
        }
        return names;
    }

    /** The actors and every person a sentence names: the sentences are written once to find out whom they name. */
    static Set<String> mentioned(List<RecordedEvent> entries) {
        Set<String> ids = new HashSet<>();
        Words collecting = new Words() {
            @Override
            public String actor() {
                return "";
            }

            @Override
            public String person(String userId) {
                if (userId != null) {
                    ids.add(userId);
                }
                return "";
            }
        };
        for (RecordedEvent entry : entries) {
            if (entry.actorId() != null) {
                ids.add(entry.actorId());
            }
            sentence(entry, collecting);
        }
        return ids;
    }

    private static String text(Object value) {
        return value == null ? "?" : value.toString();
    }

    private static String seatLimit(Integer seatLimit) {
        return seatLimit == null ? "unlimited" : seatLimit.toString();
    }

    private static String amount(long cents, String currency) {
        return String.format(Locale.ROOT, "%.2f %s", cents / 100.0,
                currency == null ? "" : currency.toUpperCase(Locale.ROOT));
    }

    /** "CheckoutSessionCreatedEvent" → "Checkout session created". */
    static String humanize(String simpleType) {
        String words = simpleType.replaceFirst("Event$", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                .toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static final class Sentences {

        private final Map<Class<?>, BiFunction<Object, Words, String>> sentences = new HashMap<>();

        <E> Sentences on(Class<E> type, BiFunction<E, Words, String> sentence) {
            sentences.put(type, (event, words) -> sentence.apply(type.cast(event), words));
            return this;
        }

        Map<Class<?>, BiFunction<Object, Words, String>> build() {
            return Map.copyOf(sentences);
        }
    }
}
