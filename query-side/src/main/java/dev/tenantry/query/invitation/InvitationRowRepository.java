package dev.tenantry.query.invitation;

import dev.tenantry.api.invitation.InvitationStatus;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface InvitationRowRepository extends JpaRepository<InvitationRow, String> {

    List<InvitationRow> findByTenantIdAndStatusOrderByCreatedAtAsc(String tenantId, InvitationStatus status);

    Optional<InvitationRow> findByTokenHash(String tokenHash);

    Optional<InvitationRow> findByInvitationIdAndTenantId(String invitationId, String tenantId);

    int countByTenantIdAndStatus(String tenantId, InvitationStatus status);
}
