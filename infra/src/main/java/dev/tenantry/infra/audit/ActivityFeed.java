package dev.tenantry.infra.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tenant's audit stream in words. Reads the stored entries (written with their events, so never behind) and
 * names people from the user profiles; an event type without a sentence of its own reads as its name
 * ("Checkout session created").
 */
@Component
public class ActivityFeed {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\w+)}");
    /** Sentences by event type (simple name); {actor} is the acting person, {user:field} a person named by id. */
    private static final Map<String, String> SENTENCES = Map.ofEntries(
            Map.entry("OrganizationCreatedEvent", "{actor} created the organization {name}"),
            Map.entry("OrganizationRenamedEvent", "{actor} renamed the organization from {previousName} to {name}"),
            Map.entry("OrganizationSettingsUpdatedEvent", "{actor} updated the organization's settings"),
            Map.entry("OrganizationClosedEvent", "{actor} closed the organization"),
            Map.entry("FeatureOverriddenEvent", "{actor} switched the feature {feature} {switch} for this organization"),
            Map.entry("FeatureOverrideRemovedEvent",
                    "{actor} removed the override of the feature {feature}: the plan decides again"),
            Map.entry("OwnershipTransferredEvent", "{actor} transferred ownership to {user:newOwnerId}"),
            Map.entry("SeatLimitChangedEvent", "The seat limit became {seatLimit}"),
            Map.entry("MemberInvitedEvent", "{actor} invited {email} as {role}"),
            Map.entry("InvitationResentEvent", "{actor} resent an invitation"),
            Map.entry("InvitationAcceptedEvent", "{user:userId} accepted the invitation and joined as {role}"),
            Map.entry("InvitationDeclinedEvent", "{email} declined the invitation"),
            Map.entry("InvitationRevokedEvent", "{actor} revoked the invitation of {email}"),
            Map.entry("InvitationExpiredEvent", "The invitation of {email} expired"),
            Map.entry("MemberAddedEvent", "{user:userId} joined as {role}"),
            Map.entry("MemberRoleChangedEvent", "{actor} changed the role of {user:userId} from {previousRole} to {role}"),
            Map.entry("MemberRemovedEvent", "{actor} removed {user:userId}"),
            Map.entry("MemberLeftEvent", "{user:userId} left the organization"),
            Map.entry("SubscriptionStartedEvent", "The organization started on the {plan} plan"),
            Map.entry("CheckoutRequestedEvent", "{actor} started a checkout for the {plan} plan"),
            Map.entry("SubscriptionActivatedEvent", "The {plan} plan became active"),
            Map.entry("SubscriptionPlanChangedEvent", "The plan changed from {previousPlan} to {plan}"),
            Map.entry("SubscriptionStatusChangedEvent", "The subscription went from {previousStatus} to {status}"),
            Map.entry("SubscriptionPastDueEvent", "A payment is overdue: the grace period ends at {graceEndsAt}"),
            Map.entry("PaymentFailedEvent", "A payment of {amount} failed"),
            Map.entry("PaymentSucceededEvent", "A payment of {amount} succeeded"),
            Map.entry("GracePeriodExpiredEvent", "The grace period ended: the {fallbackPlan} plan's limits apply"),
            Map.entry("PaidPlanRestoredEvent", "Payment resumed: the {plan} plan is restored"),
            Map.entry("SubscriptionCanceledEvent", "The subscription was canceled"),
            Map.entry("SubscriptionRenewedEvent", "The subscription renewed until {currentPeriodEnd}"));

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;

    ActivityFeed(JdbcTemplate jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The latest {@code limit} entries, newest first. */
    public List<Activity> latest(String tenantId, int limit) {
        return describe(jdbc.queryForList("""
                select sequence, occurred_at, event_type, actor_id, stripe_event_id, payload from audit_entry
                where tenant_id = ? order by sequence desc limit ?""", tenantId, limit));
    }

    /** The entries after {@code sequence}, oldest first, at most {@code limit}. */
    public List<Activity> after(String tenantId, long sequence, int limit) {
        return describe(jdbc.queryForList("""
                select sequence, occurred_at, event_type, actor_id, stripe_event_id, payload from audit_entry
                where tenant_id = ? and sequence > ? order by sequence limit ?""", tenantId, sequence, limit));
    }

    private List<Activity> describe(List<Map<String, Object>> rows) {
        List<Parsed> parsed = rows.stream().map(this::parse).toList();
        Map<String, String> names = names(parsed);
        return parsed.stream().map(entry -> entry.toActivity(names)).toList();
    }

    private Parsed parse(Map<String, Object> row) {
        try {
            return new Parsed(((Number) row.get("sequence")).longValue(),
                    ((Timestamp) row.get("occurred_at")).toInstant(), (String) row.get("event_type"),
                    (String) row.get("actor_id"), row.get("stripe_event_id") != null,
                    json.readTree((String) row.get("payload")));
        } catch (IOException e) {
            throw new IllegalStateException("Unreadable audit payload at sequence " + row.get("sequence"), e);
        }
    }

    /** Display names of every person the entries mention, in one query. */
    private Map<String, String> names(List<Parsed> entries) {
        Set<String> ids = new HashSet<>();
        for (Parsed entry : entries) {
            if (entry.actorId() != null) {
                ids.add(entry.actorId());
            }
            entry.payload().properties().forEach(field -> {
                if (field.getKey().endsWith("Id") && field.getValue().isTextual()) {
                    ids.add(field.getValue().asText());
                }
            });
        }
        Map<String, String> names = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.query("select user_id, display_name from user_profile_view where user_id = any(?)",
                    row -> {
                        names.put(row.getString("user_id"), row.getString("display_name"));
                    }, (Object) ids.toArray(String[]::new));
        }
        return names;
    }

    private record Parsed(long sequence, Instant occurredAt, String eventType, String actorId,
                          boolean fromStripe, JsonNode payload) {

        Activity toActivity(Map<String, String> names) {
            String simpleType = eventType.substring(eventType.lastIndexOf('.') + 1);
            String actorName = actorId != null ? names.getOrDefault(actorId, "Someone")
                    : fromStripe ? "Stripe" : "Tenantry";
            String sentence = SENTENCES.getOrDefault(simpleType, "{actor}: " + humanize(simpleType));
            return new Activity(sequence, occurredAt, simpleType, actorId, actorName,
                    fill(sentence, actorName, names));
        }

        private String fill(String sentence, String actorName, Map<String, String> names) {
            Matcher matcher = PLACEHOLDER.matcher(sentence.replace("{user:", "{user_"));
            StringBuilder out = new StringBuilder();
            while (matcher.find()) {
                matcher.appendReplacement(out, Matcher.quoteReplacement(value(matcher.group(1), actorName, names)));
            }
            matcher.appendTail(out);
            return out.toString();
        }

        private String value(String name, String actorName, Map<String, String> names) {
            if (name.equals("actor")) {
                return actorName;
            }
            if (name.startsWith("user_")) {
                String id = payload.path(name.substring(5)).asText(null);
                return id == null ? "someone" : names.getOrDefault(id, "someone");
            }
            if (name.equals("switch")) {
                return payload.path("enabled").asBoolean() ? "on" : "off";
            }
            if (name.equals("amount")) {
                return String.format(Locale.ROOT, "%.2f %s", payload.path("amountCents").asLong() / 100.0,
                        payload.path("currency").asText("").toUpperCase(Locale.ROOT));
            }
            JsonNode value = payload.path(name);
            return value.isMissingNode() || value.isNull() ? (name.equals("seatLimit") ? "unlimited" : "?")
                    : value.asText();
        }

        /** "CheckoutSessionCreatedEvent" → "Checkout session created". */
        private static String humanize(String simpleType) {
            String words = simpleType.replaceFirst("Event$", "").replaceAll("(?<=[a-z])(?=[A-Z])", " ")
                    .toLowerCase(Locale.ROOT);
            return Character.toUpperCase(words.charAt(0)) + words.substring(1);
        }
    }
}
