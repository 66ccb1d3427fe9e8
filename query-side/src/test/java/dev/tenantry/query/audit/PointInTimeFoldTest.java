package dev.tenantry.query.audit;

import dev.tenantry.api.billing.CheckoutExpiredEvent;
import dev.tenantry.api.billing.CheckoutRequestedEvent;
import dev.tenantry.api.billing.GracePeriodExpiredEvent;
import dev.tenantry.api.billing.SubscriptionStartedEvent;
import dev.tenantry.api.billing.SubscriptionStatus;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.api.membership.MemberAddedEvent;
import dev.tenantry.api.membership.MemberRemovedEvent;
import dev.tenantry.api.membership.Role;
import dev.tenantry.api.organization.OrganizationCreatedEvent;
import dev.tenantry.api.organization.SeatLimitChangedEvent;
import dev.tenantry.api.organization.OrganizationRenamedEvent;
import dev.tenantry.api.workspace.WorkspaceArchivedEvent;
import dev.tenantry.api.workspace.WorkspaceCreatedEvent;
import dev.tenantry.api.workspace.WorkspaceLimitChangedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberAddedEvent;
import dev.tenantry.api.workspace.WorkspaceMemberRoleChangedEvent;
import dev.tenantry.api.workspace.WorkspaceRenamedEvent;
import dev.tenantry.api.workspace.WorkspaceRole;
import dev.tenantry.api.workspace.WorkspaceVisibility;
import dev.tenantry.api.workspace.WorkspaceVisibilityChangedEvent;
import dev.tenantry.query.audit.AuditEvents.RecordedEvent;
import dev.tenantry.query.audit.PointInTimeState.Workspace;
import dev.tenantry.query.audit.PointInTimeState.WorkspaceMember;
import dev.tenantry.query.audit.PointInTimeState.Member;
import dev.tenantry.query.audit.PointInTimeState.PendingInvitation;
import dev.tenantry.query.audit.PointInTimeState.State;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The point-in-time fold over the shared API's event classes, without a database. */
class PointInTimeFoldTest {

    private static final Instant AT = Instant.parse("2026-01-05T10:00:00Z");

    private final PointInTimeState.Fold fold = new PointInTimeState.Fold();
    private final AtomicLong sequence = new AtomicLong();

    private void given(Object... events) {
        for (Object event : events) {
            fold.apply(new RecordedEvent(sequence.incrementAndGet(), AT, event == null ? "gone.Event"
                    : event.getClass().getName(), null, false, event));
        }
    }

    @Test
    void membersInvitationsAndThePlanAreWhatTheEventsSaidUpToThen() {
        Instant expires = AT.plusSeconds(3600);
        given(new OrganizationCreatedEvent("org", "Acme", "acme", null, "u1"),
                new MemberAddedEvent("m1", "org", "u1", Role.OWNER),
                new SubscriptionStartedEvent("s", "org", "free", SubscriptionStatus.FREE),
                new OrganizationRenamedEvent("org", "Acme GmbH", "Acme"),
                new MemberInvitedEvent("i1", "org", "bo@example.com", Role.ADMIN, "u1", "[redacted]", AT),
                new MemberInvitedEvent("i2", "org", "cy@example.com", Role.MEMBER, "u1", "[redacted]", AT),
                new InvitationResentEvent("i2", "org", "[redacted]", expires),
                new InvitationAcceptedEvent("i1", "org", "bo@example.com", "u2", Role.ADMIN),
                new MemberAddedEvent("m2", "org", "u2", Role.ADMIN),
                new MemberAddedEvent("m3", "org", "u3", Role.MEMBER),
                new MemberRemovedEvent("m3", "org", "u3", Role.MEMBER),
                null);

        State state = fold.state("org", AT);

        assertThat(state.exists()).isTrue();
        assertThat(state.asOfSequence()).isEqualTo(12);
        assertThat(state.name()).isEqualTo("Acme GmbH");
        assertThat(state.status()).isEqualTo("ACTIVE");
        assertThat(state.members()).containsExactly(new Member("u1", "OWNER"), new Member("u2", "ADMIN"));
        assertThat(state.pendingInvitations())
                .containsExactly(new PendingInvitation("i2", "cy@example.com", "MEMBER", expires));
        assertThat(state.plan()).isEqualTo("free");
        assertThat(state.subscriptionStatus()).isEqualTo("FREE");
    }

    @Test
    void aCheckoutThatEndsWithoutPaymentRestoresTheStatusBeforeIt() {
        given(new OrganizationCreatedEvent("org", "Acme", "acme", null, "u1"),
                new SubscriptionStartedEvent("s", "org", "free", SubscriptionStatus.FREE),
                new CheckoutRequestedEvent("s", "org", "c1", "pro", "price_pro", "cus_1"));
        assertThat(fold.state("org", AT).subscriptionStatus()).isEqualTo("CHECKOUT_PENDING");

        given(new CheckoutExpiredEvent("s", "org", "c1"), new GracePeriodExpiredEvent("s", "org", "pro", "free"),
                new SeatLimitChangedEvent("org", 5));

        State state = fold.state("org", AT);
        assertThat(state.subscriptionStatus()).isEqualTo("FREE");
        assertThat(state.fellBackToFree()).isTrue();
        assertThat(state.seatLimit()).isEqualTo(5);
    }

    @Test
    void beforeItsCreationTheOrganizationDoesNotExist() {
        assertThat(fold.state("org", AT).exists()).isFalse();
    }

    @Test
    void workspacesAndTheirMembersAreWhatTheEventsSaidUpToThen() {
        given(new OrganizationCreatedEvent("org", "Acme", "acme", null, "u1"),
                new MemberAddedEvent("m1", "org", "u1", Role.OWNER),
                new WorkspaceLimitChangedEvent("org", 3),
                new WorkspaceCreatedEvent("w1", "org", "General", null, WorkspaceVisibility.ORGANIZATION, "u1"),
                new WorkspaceMemberAddedEvent("w1", "org", "u1", WorkspaceRole.ADMIN),
                new MemberAddedEvent("m2", "org", "u2", Role.MEMBER),
                new WorkspaceCreatedEvent("w2", "org", "Roadmap", null, WorkspaceVisibility.ORGANIZATION, "u2"),
                new WorkspaceMemberAddedEvent("w2", "org", "u2", WorkspaceRole.ADMIN),
                new WorkspaceMemberAddedEvent("w2", "org", "u1", WorkspaceRole.VIEWER),
                new WorkspaceMemberRoleChangedEvent("w2", "org", "u1", WorkspaceRole.EDITOR, WorkspaceRole.VIEWER),
                new WorkspaceRenamedEvent("w2", "org", "Plans", "Roadmap"),
                new WorkspaceVisibilityChangedEvent("w2", "org", WorkspaceVisibility.PRIVATE,
                        WorkspaceVisibility.ORGANIZATION));
        State before = fold.state("org", AT);

        given(new WorkspaceArchivedEvent("w2", "org", "Plans", false),
                new MemberRemovedEvent("m2", "org", "u2", Role.MEMBER),
                new WorkspaceLimitChangedEvent("org", 25));
        State after = fold.state("org", AT);

        assertThat(before.workspaceLimit()).isEqualTo(3);
        assertThat(before.workspaces()).containsExactly(
                new Workspace("w1", "General", "ORGANIZATION", "ACTIVE", List.of(new WorkspaceMember("u1", "ADMIN"))),
                new Workspace("w2", "Plans", "PRIVATE", "ACTIVE", List.of(new WorkspaceMember("u2", "ADMIN"),
                        new WorkspaceMember("u1", "EDITOR"))));
        assertThat(after.workspaceLimit()).isEqualTo(25);
        assertThat(after.workspaces()).containsExactly(
                new Workspace("w1", "General", "ORGANIZATION", "ACTIVE", List.of(new WorkspaceMember("u1", "ADMIN"))),
                new Workspace("w2", "Plans", "PRIVATE", "ARCHIVED", List.of(new WorkspaceMember("u1", "EDITOR"))));
    }
}
