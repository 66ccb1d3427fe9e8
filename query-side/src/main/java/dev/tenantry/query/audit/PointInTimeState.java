package dev.tenantry.query.audit;

import dev.tenantry.api.billing.CheckoutCompletedEvent;
import dev.tenantry.api.billing.CheckoutExpiredEvent;
import dev.tenantry.api.billing.CheckoutFailedEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.PaidPlanRestoredEvent;
import dev.tenantry.api.billing.SubscriptionActivatedEvent;
import dev.tenantry.api.billing.SubscriptionCanceledEvent;
import dev.tenantry.api.billing.SubscriptionPastDueEvent;
import dev.tenantry.api.billing.SubscriptionPlanChangedEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
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
import dev.tenantry.api.organization.OwnershipTransferredEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceArchivedEvent;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRemovedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRoleChangedEvent;
import dev.tenantry.api.workspace.WorkspaceRenamedEvent;
import dev.tenantry.api.workspace.WorkspaceRestoredEvent;
import dev.tenantry.api.workspace.WorkspaceStatus;
import dev.tenantry.api.workspace.WorkspaceVisibilityChangedEvent;
import dev.tenantry.query.audit.AuditEvents.RecordedEvent;
import org.springframework.stereotype.Component;

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
public class PointInTimeState {

    private final AuditEvents stream;

    PointInTimeState(AuditEvents stream) {
        this.stream = stream;
    }

    public record Member(String userId, String role) {
    }

    public record PendingInvitation(String invitationId, String email, String role, Instant expiresAt) {
    }

    /** @param members user id and workspace role, in the order they joined */
    public record Workspace(String workspaceId, String name, String visibility, String status,
                            List<WorkspaceMember> members) {
    }

    public record WorkspaceMember(String userId, String role) {
    }

    /**
     * @param exists  false when the organization had not been created yet at {@code at}
     * @param asOfSequence the last audit entry included
     * @param featureOverrides platform admins' overrides then in force, feature key to enabled, sorted by key
     * @param workspaceLimit   {@code null}: unlimited, or not recorded yet (before workspaces existed)
     * @param workspaces       every workspace created by then, archived ones included, in the order they were created
     */
    public record State(String organizationId, Instant at, boolean exists, long asOfSequence, String name, String slug,
                        String status, String ownerId, List<Member> members, List<PendingInvitation> pendingInvitations,
                        String plan, String subscriptionStatus, Integer seatLimit, boolean fellBackToFree,
                        Map<String, Boolean> featureOverrides, Integer workspaceLimit, List<Workspace> workspaces) {
    }

    public State at(String tenantId, Instant at) {
        Fold fold = new Fold();
        stream.replay(tenantId, at.plusNanos(1000), fold::apply);
        return fold.state(tenantId, at);
    }

    /** The state so far; each event changes what it is about and nothing else. */
    static final class Fold {
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
        Integer workspaceLimit;
        final Map<String, WorkspaceFold> workspaces = new LinkedHashMap<>();

        /** One workspace so far. */
        static final class WorkspaceFold {
            String name;
            String visibility;
            String status;
            final Map<String, String> members = new LinkedHashMap<>();
        }

        State state(String tenantId, Instant at) {
            return new State(tenantId, at, name != null, sequence, name, slug, status, ownerId,
                    members.entrySet().stream().map(e -> new Member(e.getKey(), e.getValue())).toList(),
                    new ArrayList<>(pending.values()), plan, subscriptionStatus, seatLimit, fellBackToFree,
                    featureOverrides, workspaceLimit, workspaces.entrySet().stream()
                    .map(e -> new Workspace(e.getKey(), e.getValue().name, e.getValue().visibility,
                            e.getValue().status, e.getValue().members.entrySet().stream()
                            .map(m -> new WorkspaceMember(m.getKey(), m.getValue())).toList()))
                    .toList());
        }

        // Typed on purpose: a renamed event or field fails to compile here instead of silently not matching.
        void apply(RecordedEvent entry) {
            sequence = entry.sequence();
            Object event = entry.event();
            if (event instanceof OrganizationCreatedEvent e) {
                name = e.name();
                slug = e.slug();
                ownerId = e.ownerId();
                status = "ACTIVE";
            } else if (event instanceof OrganizationRenamedEvent e) {
                name = e.name();
            } else if (event instanceof OrganizationClosedEvent) {
                status = "CLOSED";
            } else if (event instanceof OwnershipTransferredEvent e) {
                ownerId = e.newOwnerId();
            } else if (event instanceof MemberAddedEvent e) {
                members.put(e.userId(), name(e.role()));
            } else if (event instanceof MemberRoleChangedEvent e) {
                members.put(e.userId(), name(e.role()));
            } else if (event instanceof MemberRemovedEvent e) {
                members.remove(e.userId());
                departed(e.userId());
            } else if (event instanceof MemberLeftEvent e) {
                members.remove(e.userId());
                departed(e.userId());
            } else if (event instanceof MemberInvitedEvent e) {
                pending.put(e.invitationId(), new PendingInvitation(e.invitationId(), e.email(), name(e.role()),
                        e.expiresAt()));
            } else if (event instanceof InvitationResentEvent e) {
                pending.computeIfPresent(e.invitationId(), (id, invitation) -> new PendingInvitation(id,
                        invitation.email(), invitation.role(), e.expiresAt()));
            } else if (event instanceof InvitationAcceptedEvent e) {
                pending.remove(e.invitationId());
            } else if (event instanceof InvitationDeclinedEvent e) {
                pending.remove(e.invitationId());
            } else if (event instanceof InvitationRevokedEvent e) {
                pending.remove(e.invitationId());
            } else if (event instanceof InvitationExpiredEvent e) {
                pending.remove(e.invitationId());
            } else if (event instanceof SubscriptionStartedEvent e) {
                plan = e.plan();
                subscriptionStatus = name(e.status());
            } else if (event instanceof CheckoutRequestedEvent) {
                statusBeforeCheckout = subscriptionStatus;
                subscriptionStatus = SubscriptionStatus.CHECKOUT_PENDING.name();
            } else if (event instanceof CheckoutFailedEvent || event instanceof CheckoutExpiredEvent
                    || event instanceof CheckoutCompletedEvent) {
                if (SubscriptionStatus.CHECKOUT_PENDING.name().equals(subscriptionStatus)
                        && statusBeforeCheckout != null) {
                    subscriptionStatus = statusBeforeCheckout;
                }
            } else if (event instanceof SubscriptionActivatedEvent e) {
                plan = e.plan();
                subscriptionStatus = name(e.status());
                fellBackToFree = false;
            } else if (event instanceof SubscriptionPlanChangedEvent e) {
                plan = e.plan();
            } else if (event instanceof SubscriptionStatusChangedEvent e) {
                subscriptionStatus = name(e.status());
            } else if (event instanceof SubscriptionPastDueEvent) {
                subscriptionStatus = SubscriptionStatus.PAST_DUE.name();
            } else if (event instanceof SubscriptionCanceledEvent e) {
                plan = e.freePlan();
                subscriptionStatus = SubscriptionStatus.CANCELED.name();
                fellBackToFree = false;
            } else if (event instanceof GracePeriodExpiredEvent e) {
                fellBackToFree = true;
            } else if (event instanceof PaidPlanRestoredEvent e) {
                fellBackToFree = false;
            } else if (event instanceof SeatLimitChangedEvent e) {
                seatLimit = e.seatLimit();
            } else if (event instanceof WorkspaceLimitChangedEvent e) {
                workspaceLimit = e.workspaceLimit();
            } else if (event instanceof WorkspaceCreatedEvent e) {
                WorkspaceFold workspace = new WorkspaceFold();
                workspace.name = e.name();
                workspace.visibility = name(e.visibility());
                workspace.status = WorkspaceStatus.ACTIVE.name();
                workspaces.put(e.workspaceId(), workspace);
            } else if (event instanceof WorkspaceRenamedEvent e) {
                workspace(e.workspaceId()).name = e.name();
            } else if (event instanceof WorkspaceVisibilityChangedEvent e) {
                workspace(e.workspaceId()).visibility = name(e.visibility());
            } else if (event instanceof WorkspaceArchivedEvent e) {
                workspace(e.workspaceId()).status = WorkspaceStatus.ARCHIVED.name();
            } else if (event instanceof WorkspaceRestoredEvent e) {
                workspace(e.workspaceId()).status = WorkspaceStatus.ACTIVE.name();
            } else if (event instanceof WorkspaceMemberAddedEvent e) {
                workspace(e.workspaceId()).members.put(e.userId(), name(e.role()));
            } else if (event instanceof WorkspaceMemberRoleChangedEvent e) {
                workspace(e.workspaceId()).members.put(e.userId(), name(e.role()));
            } else if (event instanceof WorkspaceMemberRemovedEvent e) {
                workspace(e.workspaceId()).members.remove(e.userId());
            } else if (event instanceof FeatureOverriddenEvent e) {
                featureOverrides.put(e.feature(), e.enabled());
            } else if (event instanceof FeatureOverrideRemovedEvent e) {
                featureOverrides.remove(e.feature());
            }
            // Other events (settings, payments, Stripe bookkeeping) change nothing shown here.
        }

        /** A workspace event's workspace; a stream that somehow lacks its creation still folds. */
        private WorkspaceFold workspace(String workspaceId) {
            return workspaces.computeIfAbsent(workspaceId, id -> new WorkspaceFold());
        }

        /** Someone who left the organization left its workspaces at that instant (the read model does the same). */
        private void departed(String userId) {
            workspaces.values().forEach(workspace -> workspace.members.remove(userId));
        }

        private static String name(Enum<?> value) {
            return value == null ? null : value.name();
        }
    }
}
