package dev.tenantry.query.invitation;

import dev.tenantry.api.invitation.InvitationStatus;
import dev.tenantry.api.membership.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Holds the current token's hash (to find the invitation from a link), never a token. */
@Entity
@Table(name = "invitation_view")
public class InvitationRow {

    @Id
    private String invitationId;
    private String tenantId;
    private String email;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Enumerated(EnumType.STRING)
    private InvitationStatus status;
    private String inviterId;
    private String tokenHash;
    private Instant expiresAt;
    private Instant createdAt;
    private Instant updatedAt;

    protected InvitationRow() {
    }

    InvitationRow(String invitationId, String tenantId, String email, Role role, String inviterId, String tokenHash,
                  Instant expiresAt, Instant createdAt) {
        this.invitationId = invitationId;
        this.tenantId = tenantId;
        this.email = email;
        this.role = role;
        this.inviterId = inviterId;
        this.tokenHash = tokenHash;
        this.expiresAt = expiresAt;
        this.status = InvitationStatus.PENDING;
        this.createdAt = createdAt;
        this.updatedAt = createdAt;
    }

    void resend(String newTokenHash, Instant newExpiresAt, Instant at) {
        tokenHash = newTokenHash;
        expiresAt = newExpiresAt;
        updatedAt = at;
    }

    void end(InvitationStatus newStatus, Instant at) {
        status = newStatus;
        updatedAt = at;
    }

    String invitationId() {
        return invitationId;
    }

    String tenantId() {
        return tenantId;
    }

    String email() {
        return email;
    }

    Role role() {
        return role;
    }

    InvitationStatus status() {
        return status;
    }

    String inviterId() {
        return inviterId;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    Instant createdAt() {
        return createdAt;
    }
}
