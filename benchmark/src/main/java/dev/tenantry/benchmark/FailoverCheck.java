package dev.tenantry.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the failover run's acknowledged writes must have left behind, read back through the API once the nodes have
 * settled. Each client's organization is its own, so the client knows the last name, time zone and role it set, and
 * which of its invitations must still be pending. A write that was not acknowledged may or may not have taken
 * effect: it is never lost, and what it set is accepted wherever no acknowledged write came after it.
 */
final class FailoverCheck {

    private static final Duration CALL = Duration.ofSeconds(30);
    private static final int AUDIT_PAGE = 1000;

    private FailoverCheck() {
    }

    /**
     * One organization as the API shows it.
     *
     * @param memberRole            null when the member is not among the active members
     * @param duplicateAuditEntries entries beyond the first with the same event id
     * @param chain                 what {@code audit/verify} says: intact or broken
     */
    record Seen(String name, String timeZone, String memberRole, Set<String> pendingInvitations,
                Set<String> auditCorrelationIds, int auditEntries, int duplicateAuditEntries, String chain) {
    }

    /** An acknowledged write that the organization does not show. */
    record Lost(int client, CommandLoop.Write write, String why) {

        String describe() {
            return "client " + client + " " + write.operation().key() + " " + write.value() + " (correlation id "
                    + write.correlationId() + "): " + why;
        }
    }

    /** @throws IllegalStateException when the API does not answer one of the reads with 200 */
    static Seen read(TenantryApi api, OwnTenant tenant) throws InterruptedException {
        String path = "/api/orgs/" + tenant.organizationId();
        String organization = ok(api.get(tenant.ownerToken(), path, CALL), "the organization");
        String name = Json.topLevelString(organization, "name").orElse(null);
        String timeZone = Json.topLevelObject(organization, "settings")
                .flatMap(settings -> Json.topLevelString(settings, "timeZone")).orElse(null);
        String memberRole = Json.objectsIn(ok(api.get(tenant.ownerToken(), path + "/members", CALL), "the members"),
                        "items").stream()
                .filter(member -> tenant.memberUserId().equals(Json.topLevelString(member, "userId").orElse(null)))
                .map(member -> Json.topLevelString(member, "role").orElse(null))
                .findFirst().orElse(null);
        Set<String> pending = Json.objectsIn(ok(api.get(tenant.ownerToken(), path + "/invitations", CALL),
                        "the invitations"), "items").stream()
                .map(invitation -> Json.topLevelString(invitation, "id").orElse(""))
                .collect(Collectors.toSet());

        Set<String> correlationIds = new HashSet<>();
        Map<String, Integer> eventIds = new HashMap<>();
        int entries = 0;
        Long after = 0L;
        while (after != null) {
            String page = ok(api.get(tenant.ownerToken(), path + "/audit/events?after=" + after + "&limit=" + AUDIT_PAGE,
                    CALL), "the audit stream");
            for (String entry : Json.objectsIn(page, "items")) {
                entries++;
                Json.topLevelString(entry, "correlationId").ifPresent(correlationIds::add);
                Json.topLevelString(entry, "eventId").ifPresent(id -> eventIds.merge(id, 1, Integer::sum));
            }
            after = Json.topLevelLong(page, "nextAfter").orElse(null);
        }
        int duplicates = eventIds.values().stream().mapToInt(count -> count - 1).sum();
        String chain = Json.topLevelString(ok(api.get(tenant.ownerToken(), path + "/audit/verify", CALL),
                "the audit verification"), "status").orElse("?");
        return new Seen(name, timeZone, memberRole, pending, correlationIds, entries, duplicates, chain);
    }

    /** The acknowledged writes whose effect the read models do not show. */
    static List<Lost> readModelMisses(OwnTenant tenant, List<CommandLoop.Write> writes, Seen seen) {
        List<Lost> lost = new ArrayList<>();
        lastValue(tenant, writes, Operation.RENAME_ORG, seen.name()).ifPresent(lost::add);
        lastValue(tenant, writes, Operation.UPDATE_SETTINGS, seen.timeZone()).ifPresent(lost::add);
        lastValue(tenant, writes, Operation.CHANGE_ROLE, seen.memberRole()).ifPresent(lost::add);
        Set<String> revokeTried = writes.stream()
                .filter(write -> write.operation() == Operation.REVOKE_INVITATION)
                .map(CommandLoop.Write::value)
                .collect(Collectors.toSet());
        for (CommandLoop.Write write : writes) {
            if (!write.acknowledged()) {
                continue;
            }
            if (write.operation() == Operation.REVOKE_INVITATION && seen.pendingInvitations().contains(write.value())) {
                lost.add(new Lost(tenant.client(), write, "the invitation is still pending"));
            }
            if (write.operation() == Operation.INVITE && write.value() != null && !revokeTried.contains(write.value())
                    && !seen.pendingInvitations().contains(write.value())) {
                lost.add(new Lost(tenant.client(), write, "the invitation is not pending, and nobody revoked it"));
            }
        }
        return lost;
    }

    /**
     * The acknowledged writes with no entry in the audit stream, found by the correlation id each write sent. A
     * write that may have been a no-op (it set what an unacknowledged write may already have set) is left out:
     * the app records no event for a no-op.
     */
    static List<Lost> auditMisses(OwnTenant tenant, List<CommandLoop.Write> writes, Seen seen) {
        return writes.stream()
                .filter(write -> write.acknowledged() && !write.mayBeNoOp())
                .filter(write -> !seen.auditCorrelationIds().contains(write.correlationId()))
                .map(write -> new Lost(tenant.client(), write, "no audit entry carries its correlation id"))
                .toList();
    }

    /**
     * The value the last acknowledged write of this kind set must be in place, or one set after it without
     * acknowledgement.
     */
    private static Optional<Lost> lastValue(OwnTenant tenant, List<CommandLoop.Write> writes, Operation operation,
                                            String shown) {
        List<CommandLoop.Write> ofKind = writes.stream().filter(write -> write.operation() == operation).toList();
        int last = -1;
        for (int i = 0; i < ofKind.size(); i++) {
            if (ofKind.get(i).acknowledged()) {
                last = i;
            }
        }
        if (last < 0) {
            return Optional.empty();
        }
        Set<String> possible = ofKind.subList(last, ofKind.size()).stream()
                .map(CommandLoop.Write::value)
                .collect(Collectors.toSet());
        return possible.contains(shown) ? Optional.empty()
                : Optional.of(new Lost(tenant.client(), ofKind.get(last), "the read model shows " + shown));
    }

    private static String ok(Call call, String what) {
        if (call.status() != 200) {
            throw new IllegalStateException("could not read " + what + ": "
                    + (call.status() == Call.NO_RESPONSE ? "no response" : "HTTP " + call.status()) + " " + call.body());
        }
        return call.body();
    }
}
