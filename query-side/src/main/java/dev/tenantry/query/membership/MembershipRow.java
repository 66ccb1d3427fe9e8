package dev.tenantry.query.membership;

import dev.tenantry.api.membership.MembershipStatus;
import dev.tenantry.api.membership.Role;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.time.Instant;

@Entity
@Table(name = "membership_view")
@IdClass(MembershipRow.Key.class)
public class MembershipRow {

    @Id
    private String tenantId;
    @Id
    private String userId;
    private String membershipId;
    @Enumerated(EnumType.STRING)
    private Role role;
    @Enumerated(EnumType.STRING)
    private MembershipStatus status;
    private Instant joinedAt;
    private Instant updatedAt;

    protected MembershipRow() {
    }

    MembershipRow(String tenantId, String userId, String membershipId, Role role, Instant joinedAt) {
        this.tenantId = tenantId;
        this.userId = userId;
        this.membershipId = membershipId;
        this.role = role;
        this.status = MembershipStatus.ACTIVE;
        this.joinedAt = joinedAt;
        this.updatedAt = joinedAt;
    }

    void changeRole(Role newRole, Instant at) {
        role = newRole;
        updatedAt = at;
    }

    void end(MembershipStatus newStatus, Instant at) {
        status = newStatus;
        updatedAt = at;
    }

    public String getTenantId() {
        return tenantId;
    }

    public String getUserId() {
        return userId;
    }

    public Role getRole() {
        return role;
    }

    public MembershipStatus getStatus() {
        return status;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public record Key(String tenantId, String userId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
