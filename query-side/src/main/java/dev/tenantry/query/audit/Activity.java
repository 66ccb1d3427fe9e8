package dev.tenantry.query.audit;

import java.time.Instant;

/**
 * An audit entry as a person reads it: "Ana invited bo@example.com as ADMIN". What the dashboard's recent activity
 * and the live stream show to every member; the entry itself (payload, hashes) stays behind the audit endpoints.
 *
 * @param actorName the actor's display name; "Stripe" for what Stripe reported, "Tenantry" for the app's own timers
 */
public record Activity(long sequence,
                       Instant occurredAt,
                       String eventType,
                       String actorId,
                       String actorName,
                       String summary) {
}
