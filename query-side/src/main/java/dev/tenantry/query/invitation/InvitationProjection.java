package dev.tenantry.query.invitation;

import dev.tenantry.api.invitation.FindInvitationByTokenQuery;
import dev.tenantry.api.invitation.FindInvitationQuery;
import dev.tenantry.api.invitation.FindPendingInvitationsQuery;
import dev.tenantry.api.invitation.InvitationAcceptedEvent;
import dev.tenantry.api.invitation.InvitationDeclinedEvent;
import dev.tenantry.api.invitation.InvitationExpiredEvent;
import dev.tenantry.api.invitation.InvitationResentEvent;
import dev.tenantry.api.invitation.InvitationRevokedEvent;
import dev.tenantry.api.invitation.InvitationStatus;
import dev.tenantry.api.invitation.InvitationView;
import dev.tenantry.api.invitation.MemberInvitedEvent;
import dev.tenantry.query.organization.OrganizationRow;
import dev.tenantry.query.organization.OrganizationRowRepository;
import dev.tenantry.query.user.UserProfileRow;
import dev.tenantry.query.user.UserProfileRowRepository;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@Component
@ProcessingGroup(InvitationProjection.PROCESSING_GROUP)
class InvitationProjection {

    static final String PROCESSING_GROUP = "invitations";

    private final InvitationRowRepository invitations;
    private final OrganizationRowRepository organizations;
    private final UserProfileRowRepository profiles;

    InvitationProjection(InvitationRowRepository invitations, OrganizationRowRepository organizations,
                         UserProfileRowRepository profiles) {
        this.invitations = invitations;
        this.organizations = organizations;
        this.profiles = profiles;
    }

    /** A rebuild starts from an empty table; every handler below then sets rows from their events alone. */
    @ResetHandler
    void reset() {
        invitations.deleteAllInBatch();
    }

    @EventHandler
    void on(MemberInvitedEvent event, @Timestamp Instant at) {
        invitations.save(new InvitationRow(event.invitationId(), event.organizationId(), event.email(), event.role(),
                event.inviterId(), event.tokenHash(), event.expiresAt(), at));
    }

    @EventHandler
    void on(InvitationResentEvent event, @Timestamp Instant at) {
        invitations.findById(event.invitationId()).ifPresent(row -> row.resend(event.tokenHash(), event.expiresAt(), at));
    }

    @EventHandler
    void on(InvitationAcceptedEvent event, @Timestamp Instant at) {
        end(event.invitationId(), InvitationStatus.ACCEPTED, at);
    }

    @EventHandler
    void on(InvitationDeclinedEvent event, @Timestamp Instant at) {
        end(event.invitationId(), InvitationStatus.DECLINED, at);
    }

    @EventHandler
    void on(InvitationRevokedEvent event, @Timestamp Instant at) {
        end(event.invitationId(), InvitationStatus.REVOKED, at);
    }

    @EventHandler
    void on(InvitationExpiredEvent event, @Timestamp Instant at) {
        end(event.invitationId(), InvitationStatus.EXPIRED, at);
    }

    @QueryHandler
    List<InvitationView> handle(FindPendingInvitationsQuery query) {
        return invitations.findByTenantIdAndStatusOrderByCreatedAtAsc(query.organizationId(), InvitationStatus.PENDING)
                .stream().map(this::toView).toList();
    }

    @QueryHandler
    Optional<InvitationView> handle(FindInvitationQuery query) {
        return invitations.findByInvitationIdAndTenantId(query.invitationId(), query.organizationId()).map(this::toView);
    }

    @QueryHandler
    Optional<InvitationView> handle(FindInvitationByTokenQuery query) {
        return invitations.findByTokenHash(query.tokenHash()).map(this::toView);
    }

    private void end(String invitationId, InvitationStatus status, Instant at) {
        invitations.findById(invitationId).ifPresent(row -> row.end(status, at));
    }

    private InvitationView toView(InvitationRow row) {
        String organizationName = organizations.findById(row.tenantId()).map(OrganizationRow::getName).orElse(null);
        String inviterName = profiles.findById(row.inviterId()).map(UserProfileRow::getDisplayName).orElse(null);
        return new InvitationView(row.invitationId(), row.tenantId(), organizationName, row.email(), row.role(),
                row.status(), row.inviterId(), inviterName, row.expiresAt(), row.createdAt());
    }
}
