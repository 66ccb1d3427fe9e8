package dev.tenantry.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An organization as it was at an instant, rebuilt by replaying its events up to then (its audit stream, which
 * holds every event of the tenant and is verified against the event store), never from today's tables.
 */
@Component
class PointInTimeState {

    private final AuditStream stream;
    private final ObjectMapper json;

    PointInTimeState(AuditStream stream, ObjectMapper json) {
        this.stream = stream;
        this.json = json;
    }

    record Member(String userId, String role) {
    }

    record PendingInvitation(String invitationId, String email, String role, Instant expiresAt) {
    }

    /**
     * @param exists  false when the organization had not been created yet at {@code at}
     * @param asOfSequence the last audit entry included
     * @param featureOverrides platform admins' overrides then in force, feature key to enabled, sorted by key
     */
    record State(String organizationId, Instant at, boolean exists, long asOfSequence, String name, String slug,
                 String status, String ownerId, List<Member> members, List<PendingInvitation> pendingInvitations,
                 String plan, String subscriptionStatus, Integer seatLimit, boolean fellBackToFree,
                 Map<String, Boolean> featureOverrides) {
    }

    @Transactional(readOnly = true)
    State at(String tenantId, Instant at) {
        Fold fold = new Fold();
        stream.forEach(tenantId, new AuditStream.Filter(null, at.plusNanos(1000), null, null), fold::apply);
        return new State(tenantId, at, fold.name != null, fold.sequence, fold.name, fold.slug, fold.status,
                fold.ownerId, fold.members.entrySet().stream().map(e -> new Member(e.getKey(), e.getValue())).toList(),
                new ArrayList<>(fold.pending.values()), fold.plan, fold.subscriptionStatus, fold.seatLimit,
                fold.fellBackToFree, fold.featureOverrides);
    }

    /** The state so far; each event type changes what it is about and nothing else. */
    private final class Fold {
        long sequence;
        String name;
        String slug;
        String status;
        String ownerId;
        final Map<String, String> members = new LinkedHashMap<>();
        final Map<String, PendingInvitation> pending = new LinkedHashMap<>();
        String plan;
        String subscriptionStatus;
        String statusBeforeCheckout;
        Integer seatLimit;
        boolean fellBackToFree;
        final Map<String, Boolean> featureOverrides = new TreeMap<>();

        void apply(AuditEntry entry) {
            sequence = entry.sequence();
            JsonNode event = parse(entry.payload());
            String type = entry.eventType().substring(entry.eventType().lastIndexOf('.') + 1);
            switch (type) {
                case "OrganizationCreatedEvent" -> {
                    name = text(event, "name");
                    slug = text(event, "slug");
                    ownerId = text(event, "ownerId");
                    status = "ACTIVE";
                }
                case "OrganizationRenamedEvent" -> name = text(event, "name");
                case "OrganizationClosedEvent" -> status = "CLOSED";
                case "OwnershipTransferredEvent" -> ownerId = text(event, "newOwnerId");
                case "MemberAddedEvent", "MemberRoleChangedEvent" ->
                        members.put(text(event, "userId"), text(event, "role"));
                case "MemberRemovedEvent", "MemberLeftEvent" -> members.remove(text(event, "userId"));
                case "MemberInvitedEvent" -> pending.put(text(event, "invitationId"), new PendingInvitation(
                        text(event, "invitationId"), text(event, "email"), text(event, "role"),
                        instant(event, "expiresAt")));
                case "InvitationResentEvent" -> pending.computeIfPresent(text(event, "invitationId"),
                        (id, invitation) -> new PendingInvitation(id, invitation.email(), invitation.role(),
                                instant(event, "expiresAt")));
                case "InvitationAcceptedEvent", "InvitationDeclinedEvent", "InvitationRevokedEvent",
                     "InvitationExpiredEvent" -> pending.remove(text(event, "invitationId"));
                case "SubscriptionStartedEvent" -> {
                    plan = text(event, "plan");
                    subscriptionStatus = text(event, "status");
                }
                case "CheckoutRequestedEvent" -> {
                    statusBeforeCheckout = subscriptionStatus;
                    subscriptionStatus = "CHECKOUT_PENDING";
                }
                case "CheckoutFailedEvent", "CheckoutExpiredEvent", "CheckoutCompletedEvent" -> {
                    if ("CHECKOUT_PENDING".equals(subscriptionStatus) && statusBeforeCheckout != null) {
                        subscriptionStatus = statusBeforeCheckout;
                    }
                }
                case "SubscriptionActivatedEvent" -> {
                    plan = text(event, "plan");
                    subscriptionStatus = text(event, "status");
                    seatLimit = legacySeatLimit(entry, event, seatLimit);
                    fellBackToFree = false;
                }
                case "SubscriptionPlanChangedEvent" -> {
                    plan = text(event, "plan");
                    seatLimit = legacySeatLimit(entry, event, seatLimit);
                }
                case "SubscriptionStatusChangedEvent" -> subscriptionStatus = text(event, "status");
                case "SubscriptionPastDueEvent" -> subscriptionStatus = "PAST_DUE";
                case "SubscriptionCanceledEvent" -> {
                    plan = text(event, "freePlan");
                    subscriptionStatus = "CANCELED";
                    seatLimit = legacySeatLimit(entry, event, seatLimit);
                    fellBackToFree = false;
                }
                case "GracePeriodExpiredEvent" -> {
                    fellBackToFree = true;
                    seatLimit = legacySeatLimit(entry, event, seatLimit);
                }
                case "PaidPlanRestoredEvent" -> {
                    fellBackToFree = false;
                    seatLimit = legacySeatLimit(entry, event, seatLimit);
                }
                case "SeatLimitChangedEvent" -> seatLimit = integer(event, "seatLimit");
                case "FeatureOverriddenEvent" ->
                        featureOverrides.put(text(event, "feature"), event.path("enabled").asBoolean());
                case "FeatureOverrideRemovedEvent" -> featureOverrides.remove(text(event, "feature"));
                default -> {
                    // Other events (settings, payments, Stripe bookkeeping) change nothing shown here.
                }
            }
        }
    }

    private JsonNode parse(String payload) {
        try {
            return json.readTree(payload);
        } catch (IOException e) {
            throw new UncheckedIOException("An audit payload is not JSON", e);
        }
    }

    /**
     * Billing events stored at revision 1 carried the seat limit they set (absent: unlimited); from revision 2 a
     * SeatLimitChangedEvent follows them instead, and they leave the limit as it is.
     */
    private static Integer legacySeatLimit(AuditEntry entry, JsonNode event, Integer current) {
        return "1".equals(entry.eventRevision()) ? integer(event, "seatLimit") : current;
    }

    private static String text(JsonNode event, String field) {
        JsonNode value = event.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    private static Integer integer(JsonNode event, String field) {
        JsonNode value = event.path(field);
        return value.isMissingNode() || value.isNull() ? null : value.asInt();
    }

    private static Instant instant(JsonNode event, String field) {
        String value = text(event, field);
        if (value == null) {
            return null;
        }
        // Jackson stores instants as ISO text or as decimal seconds, depending on the serializer's settings.
        return value.matches("-?\\d+(\\.\\d+)?") ? Instant.ofEpochMilli((long) (Double.parseDouble(value) * 1000))
                : Instant.parse(value);
    }
}
