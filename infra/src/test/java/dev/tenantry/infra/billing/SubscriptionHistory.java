package dev.tenantry.infra.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantry.api.billing.SubscriptionIds;
import dev.tenantry.infra.axon.ProjectionCatchUp;
import dev.tenantry.command.billing.ReconciliationSaga;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/** An organization's Subscription as its stored events tell it, read from Axon's event store. */
final class SubscriptionHistory {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SubscriptionHistory() {
    }

    record Event(long globalIndex, String type, JsonNode payload, JsonNode metaData) {

        String text(String field) {
            return payload.path(field).asText(null);
        }
    }

    /** Plan and status as the events leave them, and the Stripe subscription and period they name. */
    record State(String plan, String status, String stripeSubscriptionId, String currentPeriodEnd) {
    }

    static List<Event> of(JdbcTemplate jdbc, String organizationId) {
        return jdbc.query("""
                        select global_index, payload_type, convert_from(payload, 'UTF8') as payload,
                               convert_from(meta_data, 'UTF8') as meta
                        from domain_event_entry where aggregate_identifier = ? order by sequence_number""",
                (rs, row) -> new Event(rs.getLong("global_index"), simpleName(rs.getString("payload_type")),
                        parse(rs.getString("payload")), parse(rs.getString("meta"))),
                SubscriptionIds.of(organizationId));
    }

    static List<Event> ofType(JdbcTemplate jdbc, String organizationId, String type) {
        return of(jdbc, organizationId).stream().filter(event -> event.type().equals(type)).toList();
    }

    static State stateOf(List<Event> events) {
        String plan = null;
        String status = null;
        String stripeSubscriptionId = null;
        String periodEnd = null;
        for (Event event : events) {
            switch (event.type()) {
                case "SubscriptionStartedEvent" -> {
                    plan = event.text("plan");
                    status = event.text("status");
                }
                case "SubscriptionActivatedEvent" -> {
                    plan = event.text("plan");
                    status = event.text("status");
                    stripeSubscriptionId = event.text("stripeSubscriptionId");
                    periodEnd = event.text("currentPeriodEnd");
                }
                case "SubscriptionPlanChangedEvent" -> plan = event.text("plan");
                case "SubscriptionStatusChangedEvent" -> status = event.text("status");
                case "SubscriptionPastDueEvent" -> status = "PAST_DUE";
                case "SubscriptionRenewedEvent" -> periodEnd = event.text("currentPeriodEnd");
                case "SubscriptionCanceledEvent" -> {
                    plan = event.text("freePlan");
                    status = "CANCELED";
                    stripeSubscriptionId = null;
                    periodEnd = null;
                }
                default -> {
                }
            }
        }
        return new State(plan, status, stripeSubscriptionId, periodEnd);
    }

    /**
     * Waits until the reconciliation saga has handled every Stripe event recorded for these organizations; what it
     * applied commits with its progress, so the events it caused are stored by then.
     */
    static void awaitReconciled(EventProcessingConfiguration processing, JdbcTemplate jdbc,
                                String... organizationIds) {
        List<Long> indexes = jdbc.queryForList("""
                        select global_index from domain_event_entry
                        where aggregate_identifier = any(?) and payload_type like '%.StripeEventReceivedEvent'""",
                Long.class, (Object) List.of(organizationIds).stream().map(SubscriptionIds::of)
                        .toArray(String[]::new));
        StreamingEventProcessor processor = processing.<StreamingEventProcessor>sagaEventProcessor(
                ReconciliationSaga.class).orElseThrow();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!processor.processingStatus().values().stream().allMatch(status -> ProjectionCatchUp.covers(status, indexes))
                || processor.processingStatus().isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The reconciliation saga has not handled events " + indexes
                        + " within 30 s: " + processor.processingStatus());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private static String simpleName(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.missingNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
